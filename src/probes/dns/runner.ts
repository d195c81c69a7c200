// `kind: dns`: one query per sample; its latency is the query's (SPEC).
import { emptyPhases } from '../../model/timings.js';
import type { SampleOutcome } from '../../model/sample.js';
import type { DnsData } from '../../model/dns.js';
import { checkLatency } from '../expect.js';
import { repeat, type ProbePlan, type ProbeRunner, type RunContext, type SampleTask } from '../runner.js';
import { checkDnsReply } from './check.js';
import { queryDns } from './query.js';
import type { DnsProbe } from './schema.js';
import { formatDnsServer } from './server-address.js';

export const dnsRunner: ProbeRunner<DnsProbe> = {
  plan(probe: DnsProbe, ctx: RunContext): ProbePlan {
    const last: DnsData = { kind: 'dns', server: probe.server && formatDnsServer(probe.server), rcode: null, answers: [] };
    const sample: SampleTask = async () => {
      const result = await queryDns({ name: probe.name, type: probe.type, timeoutMs: probe.timeoutMs, signal: ctx.interrupt, ...(probe.server ? { server: probe.server } : {}) });
      const url = dnsUrl(result.server ?? last.server, probe);
      if (result.failure) {
        return outcome(null, { failure: result.server ? { ...result.failure, server: result.server } : result.failure, url, step: null });
      }
      Object.assign(last, { server: result.server, rcode: result.reply.rcode, answers: result.reply.answers });
      const failure = checkDnsReply(probe.expect, result.reply, probe.name, result.server) ?? checkLatency(probe.expect, result.latencyMs);
      return outcome(result.latencyMs, failure && { failure, url, step: null });
    };
    return {
      samples: repeat(sample, probe.samples),
      close: () => Promise.resolve(),
      findings: () => ({ kindData: { ...last } }),
    };
  },
};

function outcome(latencyMs: number | null, failure: SampleOutcome['failure']): SampleOutcome {
  // The whole sample is name resolution: its one phase is dns.
  return { latencyMs, phases: { ...emptyPhases(), dns: latencyMs }, failure };
}

/** RFC 4501's DNS URI, `dns://127.0.0.1:53/api.example.com?type=A`: which server was asked what. */
function dnsUrl(server: string | null, probe: DnsProbe): string {
  return `dns://${server ?? ''}/${probe.name}?type=${probe.type}`;
}
