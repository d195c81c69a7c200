// `kind: http`: one request (and its redirects) per sample, checked against `expect`.
import type { HttpProbe } from './schema.js';
import { ConnectionPool } from '../../http/connections.js';
import { fetchFollowingRedirects } from '../../http/redirects.js';
import type { SampleOutcome } from '../../model/sample.js';
import { checkExpiry, checkLatency, checkResponse } from '../expect.js';
import { connectionOptionsOf, toFetchRequest } from '../request.js';
import { repeat, type ProbePlan, type ProbeRunner, type RunContext, type SampleTask } from '../runner.js';

export const httpRunner: ProbeRunner<HttpProbe> = {
  plan(probe: HttpProbe, ctx: RunContext): ProbePlan {
    const options = connectionOptionsOf(probe.request, ctx.lookup);
    const shared = probe.reuseConnections ? new ConnectionPool(options) : null;
    const request = toFetchRequest(probe.request, ctx.redact);

    const sample: SampleTask = async () => {
      const pool = shared ?? new ConnectionPool(options);
      try {
        return await runHttpSample(probe, pool, request, ctx);
      } finally {
        if (!shared) await pool.close();
      }
    };
    return {
      samples: repeat(sample, probe.samples),
      close: async () => shared?.close(),
    };
  },
};

async function runHttpSample(
  probe: HttpProbe,
  pool: ConnectionPool,
  request: ReturnType<typeof toFetchRequest>,
  ctx: RunContext,
): Promise<SampleOutcome> {
  const result = await fetchFollowingRedirects(pool, request, {}, ctx.interrupt);
  const located = (failure: NonNullable<ReturnType<typeof checkResponse>>) => ({ failure, url: result.url.href, step: null });
  const { httpVersion, tls, peer } = result;
  if (!result.ok) return { latencyMs: null, phases: result.timings, failure: located(result.failure), httpVersion, tls, peer };
  const failure =
    checkExpiry(probe.expect, tls) ?? checkResponse(probe.expect, result.response, request.followRedirects, ctx.redact) ?? checkLatency(probe.expect, result.ms);
  return { latencyMs: result.ms, phases: result.timings, failure: failure ? located(failure) : null, httpVersion, tls, peer, answer: result.response };
}
