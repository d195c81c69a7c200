// One DNS query against real loopback servers: the responder, a port that never answers, a closed
// port, and replies a resolver must ignore. Every failure is classified within the deadline.
import { describe, expect, it } from 'vitest';
import { queryDns, type DnsQueryOptions } from '../../../src/probes/dns/query.js';
import { closedUdpPort, dnsAfterEach, startSilentUdpPort } from '../../helpers/dns-server.js';
import { ipv6Available, itWithIpv6 } from '../../helpers/ipv6.js';

const startDns = dnsAfterEach();
const TIMEOUT_MS = 300;

const ZONE = {
  'app.test': {
    A: ['127.0.0.1'],
    AAAA: ['2001:0db8:0000:0000:0000:0000:0000:0001', '::1'],
    MX: [{ preference: 10, exchange: 'mail.app.test' }],
    TXT: [['v=spf1 ', 'include:_spf.app.test ', '-all'], 'plain'],
    NS: ['ns1.app.test', 'ns2.app.test'],
  },
  'www.app.test': { CNAME: 'app.test' },
  'empty.test': {},
  'broken.test': { rcode: 'SERVFAIL' as const },
  'silent.test': { silent: true },
  'garbage.test': { misbehave: 'garbage' as const },
  'spoofed.test': { misbehave: 'wrong-id' as const, A: ['127.0.0.1'] },
  'big.test': { misbehave: 'truncated' as const, A: ['127.0.0.7', '127.0.0.8'] },
};

async function ask(server: string, name: string, type: DnsQueryOptions['type'] = 'A') {
  return queryDns({ name, type, server, timeoutMs: TIMEOUT_MS });
}

describe('queryDns against the loopback responder', () => {
  it('reads every record type as SPEC text', async () => {
    const { address } = await startDns(ZONE);
    expect((await ask(address, 'app.test', 'A')).reply?.answers).toEqual(['127.0.0.1']);
    expect((await ask(address, 'app.test', 'AAAA')).reply?.answers).toEqual(['2001:db8::1', '::1']);
    expect((await ask(address, 'app.test', 'MX')).reply?.answers).toEqual(['10 mail.app.test.']);
    expect((await ask(address, 'app.test', 'TXT')).reply?.answers).toEqual(['v=spf1 include:_spf.app.test -all', 'plain']);
    expect((await ask(address, 'app.test', 'NS')).reply?.answers).toEqual(['ns1.app.test.', 'ns2.app.test.']);
    expect((await ask(address, 'www.app.test', 'CNAME')).reply?.answers).toEqual(['app.test.']);
  });

  it('follows an alias: the answers are the asked type, the CNAMEs on the way are aliases', async () => {
    const { address } = await startDns(ZONE);
    const result = await ask(address, 'www.app.test');
    expect(result.reply).toMatchObject({ rcode: 'NOERROR', answers: ['127.0.0.1'], aliases: ['www.app.test.'], truncated: false, transport: 'udp' });
    expect(result.server).toBe(address);
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('reports the rcode: NXDOMAIN for an unknown name, SERVFAIL, and NOERROR with no answers', async () => {
    const { address } = await startDns(ZONE);
    expect((await ask(address, 'nowhere.test')).reply).toMatchObject({ rcode: 'NXDOMAIN', answers: [] });
    expect((await ask(address, 'broken.test')).reply).toMatchObject({ rcode: 'SERVFAIL', answers: [] });
    expect((await ask(address, 'empty.test')).reply).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    const dns = await startDns(ZONE);
    const result = await ask(dns.address, 'big.test');
    expect(result.reply).toMatchObject({ answers: ['127.0.0.7', '127.0.0.8'], transport: 'tcp', truncated: false });
    expect(dns.queries).toBe(2);
  });
});

describe('queryDns against servers that do not answer properly', () => {
  it('a name the server never answers: dns ETIMEOUT at the deadline', async () => {
    const { address } = await startDns(ZONE);
    const started = performance.now();
    const result = await ask(address, 'silent.test');
    const elapsed = performance.now() - started;
    expect(result.failure).toEqual({ class: 'dns', code: 'ETIMEOUT', host: 'silent.test' });
    expect(result.server).toBe(address);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 500); // the deadline is the behaviour under test
  });

  it('a UDP port that reads and never answers: dns ETIMEOUT, the query did arrive', async () => {
    const silent = await startSilentUdpPort();
    try {
      const result = await ask(silent.address, 'app.test');
      expect(result.failure).toMatchObject({ class: 'dns', code: 'ETIMEOUT' });
      expect(silent.received).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it('a closed UDP port: dns ECONNREFUSED before the deadline', async () => {
    const port = await closedUdpPort();
    const started = performance.now();
    const result = await ask(`127.0.0.1:${port}`, 'app.test');
    expect(result.failure).toMatchObject({ class: 'dns', code: 'ECONNREFUSED', host: 'app.test' });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
  });

  it('bytes that are not DNS, or a reply with another id: ignored, then dns EBADRESP at the deadline', async () => {
    const { address } = await startDns(ZONE);
    expect((await ask(address, 'garbage.test')).failure).toMatchObject({ class: 'dns', code: 'EBADRESP' });
    expect((await ask(address, 'spoofed.test')).failure).toMatchObject({ class: 'dns', code: 'EBADRESP' });
  });

  it('a server that is not host[:port]: dns EBADSERVER without sending anything', async () => {
    expect((await ask('127.0.0.1:99999', 'app.test')).failure).toMatchObject({ code: 'EBADSERVER' });
    expect((await ask('a b', 'app.test')).failure).toMatchObject({ code: 'EBADSERVER' });
  });

  it('an interrupted run: the query rejects with the interruption', async () => {
    const { address } = await startDns(ZONE);
    const controller = new AbortController();
    const pending = queryDns({ name: 'silent.test', type: 'A', server: address, timeoutMs: 5_000, signal: controller.signal });
    controller.abort(new Error('interrupted'));
    await expect(pending).rejects.toThrow('interrupted');
  });
});

describe('queryDns server addresses', () => {
  it('a server given by name is looked up first (localhost)', async () => {
    const dns = await startDns(ZONE);
    const result = await ask(`localhost:${dns.port}`, 'app.test');
    // localhost may resolve to ::1 first, where this responder does not listen: either answers or is refused.
    if (result.failure === null) expect(result.reply.answers).toEqual(['127.0.0.1']);
    else expect(result.failure.code).toBe('ECONNREFUSED');
  });

  itWithIpv6('a responder on [::1]', async () => {
    expect(ipv6Available).toBe(true);
    const dns = await startDns(ZONE, '::1');
    expect(dns.address).toBe(`[::1]:${dns.port}`);
    expect((await ask(dns.address, 'app.test', 'AAAA')).reply?.answers).toEqual(['2001:db8::1', '::1']);
  });
});
