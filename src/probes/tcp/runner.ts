// `kind: tcp`: one connect (+ TLS handshake) per sample; its latency is connect (+ handshake).
import type { LookupFunction } from 'node:net';
import { checkCertificate } from '../../http/certificate.js';
import { resolveOverride, resolverLookup } from '../../http/names.js';
import type { Failure, SampleFailure } from '../../model/failure.js';
import type { TcpData } from '../../model/tcp.js';
import type { TlsInfo } from '../../model/tls.js';
import { checkLatency } from '../expect.js';
import { repeat, type ProbePlan, type ProbeRunner, type RunContext, type SampleTask } from '../runner.js';
import { connectTcpProbe, type TcpConnectOptions, type TcpConnectResult } from './connect.js';
import { addressLabel } from './resolve-addresses.js';
import type { TcpProbe } from './schema.js';

export const tcpRunner: ProbeRunner<TcpProbe> = {
  plan(probe: TcpProbe, ctx: RunContext): ProbePlan {
    const last: TcpData = { kind: 'tcp', peer: null };
    const url = `${probe.tls ? 'tls' : 'tcp'}://${addressLabel(probe.host, probe.port)}`;
    const options = connectOptions(probe, ctx);
    const sample: SampleTask = async () => {
      const result = await connectTcpProbe(options);
      const peer = result.peer ? addressLabel(result.peer.address, result.peer.port) : null;
      if (peer) last.peer = peer;
      // SPEC: the tls block comes from the last sample whose handshake reached the certificate.
      const tls: TlsInfo | null = result.tls?.certificate ? { version: result.tls.version, certificate: result.tls.certificate } : null;
      const failure = sampleFailure(result, tls, probe);
      return {
        latencyMs: result.latencyMs,
        phases: { dns: result.phases.dns, connect: result.phases.connect, tls: result.phases.tls, ttfb: null },
        failure: failure && ({ failure, url, step: null } satisfies SampleFailure),
        tls,
        peer,
      };
    };
    return {
      samples: repeat(sample, probe.samples),
      close: () => Promise.resolve(),
      findings: () => ({ kindData: { ...last } }),
    };
  },
};

/** The probe's transport as connect options: client certificate, CA, `resolve`, `resolver`, `ipFamily`. */
function connectOptions(probe: TcpProbe, ctx: RunContext): TcpConnectOptions {
  const { transport } = probe;
  const override = resolveOverride(transport.resolve, probe.host, probe.port);
  // `resolve` sends the socket to its address while SNI and the certificate check keep the host.
  const lookup: LookupFunction | undefined = override
    ? (_host, _options, callback) => setImmediate(() => callback(null, [{ address: override, family: override.includes(':') ? 6 : 4 }]))
    : transport.resolver
      ? resolverLookup(transport.resolver, probe.timeoutMs)
      : ctx.lookup;
  return {
    host: probe.host,
    port: probe.port,
    tls: probe.tls
      ? {
          insecure: probe.insecure,
          ...(transport.ca !== undefined ? { ca: transport.ca } : {}),
          ...(transport.cert !== undefined ? { cert: transport.cert } : {}),
          ...(transport.key !== undefined ? { key: transport.key } : {}),
          ...(transport.passphrase !== undefined ? { passphrase: transport.passphrase } : {}),
        }
      : null,
    timeoutMs: probe.timeoutMs,
    signal: ctx.interrupt,
    ...(lookup ? { lookup } : {}),
    ...(transport.ipFamily ? { family: transport.ipFamily } : {}),
  };
}

/** The connection's own failure first, then the certificate's days, then latency (SPEC precedence). */
function sampleFailure(result: TcpConnectResult, tls: TlsInfo | null, probe: TcpProbe): Failure | null {
  if (result.failure?.class === 'connect') return { ...result.failure, address: result.tried.at(-1) ?? addressLabel(probe.host, probe.port) };
  if (result.failure) return result.failure;
  const expiring = probe.expect.minDaysLeft === undefined ? null : checkCertificate(tls, probe.expect.minDaysLeft);
  if (expiring) return expiring;
  return result.latencyMs === null ? null : checkLatency(probe.expect, result.latencyMs);
}
