// `kind: tcp` in probes.yaml: host, port, tls, insecure, ipFamily, minDaysLeft, and positioned problems.
import { describe, expect, it } from 'vitest';
import type { TcpProbe } from '../../src/probes/tcp/schema.js';
import { lines, load, problemsOf } from './helpers.js';

function tcpProbe(...probeLines: string[]): string {
  return lines('version: 1', 'probes:', '  - id: t', '    kind: tcp', '    surface: api', ...probeLines);
}

function onlyTcp(text: string): TcpProbe {
  const [probe] = load(text).probes;
  if (probe?.kind !== 'tcp') throw new Error('expected one tcp probe');
  return probe;
}

describe('tcp probe: loading', () => {
  it('defaults to a plain connect, verified certificates, either address family', () => {
    expect(onlyTcp(tcpProbe('    tcp: { host: api.example.com, port: 5432 }'))).toEqual({
      id: 't',
      kind: 'tcp',
      surface: 'api',
      tags: [],
      samples: 1,
      thresholds: { successRate: 1 },
      retry: { retries: 0, delayMs: 1000 },
      host: 'api.example.com',
      port: 5432,
      tls: false,
      insecure: false,
      transport: {},
      timeoutMs: 10_000,
      expect: {},
    });
  });

  it('reads tls, insecure (also from defaults), ipFamily, minDaysLeft and a bracketed IPv6 host', () => {
    const text = lines('version: 1', 'defaults: { insecure: true }', 'probes:', '  - id: t', '    kind: tcp', '    surface: web', '    tcp: { host: "[::1]", port: 443, tls: true }', '    ipFamily: 6', '    expect: { certificate: { minDaysLeft: 14 }, maxLatency: 1s }');
    expect(onlyTcp(text)).toMatchObject({ host: '::1', port: 443, tls: true, insecure: true, transport: { ipFamily: 6 }, expect: { minDaysLeft: 14, maxLatencyMs: 1000 } });
  });
});

describe('tcp probe: problems, each at its line:column', () => {
  it('the HTTP-only reaching fields are refused', () => {
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 1 }', '    http2: false', '    proxy: "http://127.0.0.1:3128"'))).toEqual([
      'probes.yaml:7:5: probes[0]: http2 does not apply to a tcp probe (it speaks no HTTP)',
      'probes.yaml:8:5: probes[0]: proxy does not apply to a tcp probe (it speaks no HTTP)',
    ]);
  });

  it('a missing or out-of-range port, a tls that is not a boolean, an unknown key', () => {
    expect(problemsOf(tcpProbe('    tcp: { host: a.test }'))).toEqual(['probes.yaml:6:10: probes[0].tcp: missing required key "port"']);
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 70000 }'))).toEqual(['probes.yaml:6:32: probes[0].tcp.port: expected a port from 1 to 65535, got 70000']);
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 443, tls: "yes" }'))).toEqual(['probes.yaml:6:42: probes[0].tcp.tls: expected true or false, got "yes"']);
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 443, sni: b.test }'))).toEqual(['probes.yaml:6:37: probes[0].tcp: unknown key "sni" (allowed: host, port, tls)']);
  });

  it('a port written as text is interpolated, then must be a port', () => {
    const text = tcpProbe('    tcp: { host: a.test, port: "${env.API_PORT}" }');
    const [probe] = load(text, {}, { API_PORT: '8443' }).probes;
    expect(probe).toMatchObject({ kind: 'tcp', port: 8443 });
    expect(problemsOf(text, {}, { API_PORT: 'https' })).toEqual(['probes.yaml:6:32: probes[0].tcp.port: expected a port from 1 to 65535, got "https"']);
    expect(problemsOf(text, {}, { API_PORT: '70000' })).toEqual(['probes.yaml:6:32: probes[0].tcp.port: expected a port from 1 to 65535, got "70000"']);
  });

  it('a host that cannot be one, a minDaysLeft that is not a count, an ipFamily other than 4 or 6', () => {
    expect(problemsOf(tcpProbe('    tcp: { host: "a b", port: 1 }'))).toEqual(['probes.yaml:6:18: probes[0].tcp.host: expected a host name or an IP address, got "a b"']);
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 1 }', '    expect: { certificate: { minDaysLeft: 14 } }'))).toEqual([
      'probes.yaml:7:15: probes[0].expect: certificate needs tls: true in tcp (a plain connect has no certificate)',
    ]);
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 1, tls: true }', '    expect: { certificate: { minDaysLeft: soon } }'))).toEqual([
      'probes.yaml:7:43: probes[0].expect.certificate.minDaysLeft: expected a whole number of 0 or more, got "soon"',
    ]);
    expect(problemsOf(tcpProbe('    tcp: { host: a.test, port: 1 }', '    ipFamily: 5'))).toEqual(['probes.yaml:7:15: probes[0].ipFamily: expected 4 or 6, got 5']);
  });
});
