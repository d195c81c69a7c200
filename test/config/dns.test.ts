// `kind: dns` in probes.yaml: defaults (type A, NOERROR with an answer), servers, and positioned problems.
import { describe, expect, it } from 'vitest';
import type { DnsProbe } from '../../src/probes/dns/schema.js';
import { lines, load, problemsOf } from './helpers.js';

function dnsProbe(...probeLines: string[]): string {
  return lines('version: 1', 'probes:', '  - id: d', '    kind: dns', '    surface: api', ...probeLines);
}

function onlyDns(text: string, env = {}): DnsProbe {
  const [probe] = load(text, {}, env).probes;
  if (probe?.kind !== 'dns') throw new Error('expected one dns probe');
  return probe;
}

describe('dns probe: loading', () => {
  it('defaults to type A, the system resolver, and NOERROR with at least one answer', () => {
    expect(onlyDns(dnsProbe('    dns: { name: api.example.com }'))).toEqual({
      id: 'd',
      kind: 'dns',
      surface: 'api',
      tags: [],
      samples: 1,
      thresholds: { successRate: 1 },
      retry: { retries: 0, delayMs: 1000 },
      name: 'api.example.com',
      type: 'A',
      server: null,
      timeoutMs: 10_000,
      expect: { rcode: 'NOERROR', requireAnswer: true, answers: null },
    });
  });

  it('reads the type, a server (IPv4, [IPv6]:port, a variable), and expectations', () => {
    const probe = onlyDns(
      dnsProbe('    dns: { name: "${env.ZONE}", type: MX, server: "[::1]:5353" }', '    expect: { rcode: NOERROR, answers: { contains: "mail." }, maxLatency: 50ms }'),
      { ZONE: 'example.com' },
    );
    expect(probe).toMatchObject({ name: 'example.com', type: 'MX', server: { host: '::1', port: 5353 } });
    expect(probe.expect).toEqual({ rcode: 'NOERROR', requireAnswer: true, answers: { op: 'contains', value: 'mail.' }, maxLatencyMs: 50 });
    expect(onlyDns(dnsProbe('    dns: { name: x.test, server: 127.0.0.1 }')).server).toEqual({ host: '127.0.0.1', port: 53 });
  });

  it('rcode alone checks only the rcode; equals takes one answer or a list', () => {
    expect(onlyDns(dnsProbe('    dns: { name: gone.test }', '    expect: { rcode: NXDOMAIN }')).expect).toEqual({ rcode: 'NXDOMAIN', requireAnswer: false, answers: null });
    expect(onlyDns(dnsProbe('    dns: { name: a.test }', '    expect: { answers: { equals: 127.0.0.1 } }')).expect.answers).toEqual({ op: 'equals', value: ['127.0.0.1'] });
    expect(onlyDns(dnsProbe('    dns: { name: a.test }', '    expect: { answers: { equals: [a, b] } }')).expect.answers).toEqual({ op: 'equals', value: ['a', 'b'] });
  });
});

describe('dns probe: problems, each at its line:column', () => {
  it('a missing name, an unknown type or rcode, a bad server', () => {
    expect(problemsOf(dnsProbe('    dns: { type: A }'))).toEqual(['probes.yaml:6:10: probes[0].dns: missing required key "name"']);
    expect(problemsOf(dnsProbe('    dns: { name: a.test, type: SRV }'))).toEqual([
      'probes.yaml:6:32: probes[0].dns.type: expected one of A, AAAA, CNAME, MX, TXT, NS, got "SRV"',
    ]);
    expect(problemsOf(dnsProbe('    dns: { name: a.test }', '    expect: { rcode: BROKEN }'))).toEqual([
      'probes.yaml:7:22: probes[0].expect.rcode: expected one of NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED, YXDOMAIN, YXRRSET, NXRRSET, NOTAUTH, NOTZONE, got "BROKEN"',
    ]);
    expect(problemsOf(dnsProbe('    dns: { name: a.test, server: "1.1.1.1:99999" }'))).toEqual([
      'probes.yaml:6:34: probes[0].dns.server: expected a DNS server as host[:port] (1.1.1.1:53, [::1]:5353), got "1.1.1.1:99999"',
    ]);
  });

  it('an answers check that is not exactly one of contains, matches or equals; a regex that does not compile', () => {
    const [both] = problemsOf(dnsProbe('    dns: { name: a.test }', '    expect: { answers: { contains: a, equals: b } }'));
    expect(both).toMatch(/^probes\.yaml:7:\d+: probes\[0\]\.expect\.answers: /);
    expect(problemsOf(dnsProbe('    dns: { name: a.test }', '    expect: { answers: { matches: "(" } }'))[0]).toMatch(/^probes\.yaml:7:\d+: .*answers/);
  });

  it('the reaching fields are refused: dns.server says where to ask', () => {
    expect(problemsOf(dnsProbe('    dns: { name: a.test }', '    resolver: "127.0.0.1:53"'))).toEqual([
      'probes.yaml:7:5: probes[0]: resolver does not apply to a dns probe (dns.server says which server to ask)',
    ]);
  });

  it('an unset variable in the name is named', () => {
    expect(problemsOf(dnsProbe('    dns: { name: "${env.NOPE}.test" }'))).toEqual([
      'probes.yaml:6:18: probes[0].dns.name: environment variable NOPE is not set (read by ${env.NOPE})',
    ]);
  });
});
