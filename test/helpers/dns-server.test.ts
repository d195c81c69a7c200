// The loopback DNS responder answers Node's own resolver (c-ares) as a real server would, so the
// tests of upprobe's DNS code do not merely agree with themselves.
import { Resolver } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { dnsAfterEach } from './dns-server.js';

const startDns = dnsAfterEach();

function resolverFor(address: string): Resolver {
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([address]);
  return resolver;
}

describe('the loopback DNS responder', () => {
  it('answers A, AAAA, MX, TXT, NS and CNAME from its table', async () => {
    const dns = await startDns({
      'app.test': { A: ['127.0.0.1', '127.0.0.2'], AAAA: ['::1'], MX: [{ preference: 10, exchange: 'mail.app.test' }], TXT: [['v=spf1 ', '-all']], NS: ['ns1.app.test'] },
      'www.app.test': { CNAME: 'app.test' },
    });
    const resolver = resolverFor(dns.address);
    expect(await resolver.resolve4('app.test')).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(await resolver.resolve6('APP.test')).toEqual(['::1']);
    expect(await resolver.resolveMx('app.test')).toEqual([{ priority: 10, exchange: 'mail.app.test' }]);
    expect(await resolver.resolveTxt('app.test')).toEqual([['v=spf1 ', '-all']]);
    expect(await resolver.resolveNs('app.test')).toEqual(['ns1.app.test']);
    expect(await resolver.resolveCname('www.app.test')).toEqual(['app.test']);
    expect(await resolver.resolve4('www.app.test')).toEqual(['127.0.0.1', '127.0.0.2']); // the alias followed
    expect(dns.queries).toBe(7);
  });

  it('answers NXDOMAIN for unknown names, per-name rcodes, and switches entries while running', async () => {
    const dns = await startDns({ 'broken.test': { rcode: 'SERVFAIL' }, 'gone.test': { rcode: 'NXDOMAIN' }, 'app.test': { A: ['127.0.0.1'] } });
    const resolver = resolverFor(dns.address);
    await expect(resolver.resolve4('unknown.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolve4('gone.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolve4('broken.test')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    dns.set('app.test', { rcode: 'SERVFAIL' });
    await expect(resolver.resolve4('app.test')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    dns.set('app.test', undefined);
    await expect(resolver.resolve4('app.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('never answers a silent name', async () => {
    const dns = await startDns({ 'silent.test': { silent: true } });
    await expect(resolverFor(dns.address).resolve4('silent.test')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(dns.queries).toBeGreaterThanOrEqual(1);
  });

  it('sends a truncated UDP answer and the full one over TCP', async () => {
    const dns = await startDns({ 'big.test': { A: ['127.0.0.9'], misbehave: 'truncated' } });
    // c-ares retries over TCP on TC, so the answer arrives complete.
    expect(await resolverFor(dns.address).resolve4('big.test')).toEqual(['127.0.0.9']);
    expect(dns.queries).toBe(2);
  });
});
