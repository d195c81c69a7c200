// `kind: tcp`: one connect (+ TLS handshake) per sample; its latency is connect (+ handshake).
import type { Failure, SampleFailure } from '../../model/failure.js';
import type { TcpData } from '../../model/tcp.js';
import { checkLatency } from '../expect.js';
import { repeat, type ProbePlan, type ProbeRunner, type RunContext, type SampleTask } from '../runner.js';
import { checkMinDaysLeft } from './check.js';
import { connectTcpProbe, type TcpConnectResult } from './connect.js';
import { addressLabel } from './resolve-addresses.js';
import type { TcpProbe } from './schema.js';

export const tcpRunner: ProbeRunner<TcpProbe> = {
  plan(probe: TcpProbe, ctx: RunContext): ProbePlan {
    const last: TcpData = { kind: 'tcp', peer: null, tls: null };
    const url = `${probe.tls ? 'tls' : 'tcp'}://${addressLabel(probe.host, probe.port)}`;
    const sample: SampleTask = async () => {
      const result = await connectTcpProbe({
        host: probe.host,
        port: probe.port,
        tls: probe.tls ? { insecure: probe.insecure } : null,
        timeoutMs: probe.timeoutMs,
        signal: ctx.interrupt,
        ...(ctx.lookup ? { lookup: ctx.lookup } : {}),
        ...(probe.ipFamily ? { family: probe.ipFamily } : {}),
      });
      if (result.peer) last.peer = addressLabel(result.peer.address, result.peer.port);
      if (result.tls?.certificate) last.tls = { version: result.tls.version, certificate: result.tls.certificate };
      const failure = sampleFailure(result, probe);
      return {
        latencyMs: result.latencyMs,
        phases: { dns: result.phases.dns, connect: result.phases.connect, tls: result.phases.tls, ttfb: null },
        failure: failure && ({ failure, url, step: null } satisfies SampleFailure),
      };
    };
    return {
      samples: repeat(sample, probe.samples),
      close: () => Promise.resolve(),
      findings: () => ({ kindData: { ...last } }),
    };
  },
};

/** The connection's own failure first, then the certificate's days, then latency (SPEC precedence). */
function sampleFailure(result: TcpConnectResult, probe: TcpProbe): Failure | null {
  if (result.failure?.class === 'connect') return { ...result.failure, address: result.tried.at(-1) ?? addressLabel(probe.host, probe.port) };
  if (result.failure) return result.failure;
  const certificate = checkMinDaysLeft(result.tls?.certificate ?? null, probe.expect.minDaysLeft);
  if (certificate) return certificate;
  return result.latencyMs === null ? null : checkLatency(probe.expect, result.latencyMs);
}
