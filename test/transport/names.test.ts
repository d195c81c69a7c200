// Where a name leads: `resolve` (curl --resolve), `resolver` (a DNS server of one's own), `ipFamily`,
// `localhost` on both loopback families, and connect failures that name the address tried.
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { dnsAfterEach, startSilentUdpPort } from '../helpers/dns-server.js';
import { itWithIpv6, startIpv6HttpServer } from '../helpers/ipv6.js';
import { closedPort } from '../helpers/servers.js';
import { testCa } from '../helpers/tls-ca.js';
import { get, listen } from './helpers.js';

const dns = dnsAfterEach();
const echoHost = () => createServer((req, res) => res.end(`host ${req.headers.host}`));

describe('resolve', () => {
  it('connects to the given address while Host keeps the URL host; no DNS lookup happens', async () => {
    const port = await listen(echoHost());
    const result = await get(`http://edge.invalid:${port}/`, { resolve: { [`edge.invalid:${port}`]: '127.0.0.1' } });
    expect(result.ok && result.response.body.toString()).toBe(`host edge.invalid:${port}`);
    expect(result.timings.dns).toBeNull();
  });

  it('keeps SNI and the certificate check on the URL host over https', async () => {
    const ca = await testCa();
    const edge = await ca.issue({ commonName: 'edge.invalid' });
    const port = await listen(createHttpsServer(edge, (req, res) => res.end(`sni ${(req.socket as TLSSocket).servername}`)));
    const result = await get(`https://edge.invalid:${port}/`, { ca: ca.caCert, resolve: { 'edge.invalid': '127.0.0.1' } });
    expect(result.ok && result.response.body.toString()).toBe('sni edge.invalid');
    expect(result.tls?.certificate?.subject).toBe('CN=edge.invalid');
  });

  it('prefers host:port over host, and leaves other hosts alone', async () => {
    const port = await listen(echoHost());
    const closed = await closedPort();
    // The server listens on 127.0.0.1 only: 127.0.0.2 is loopback too, but refused.
    const hostOnly = await get(`http://a.invalid:${port}/`, { resolve: { 'a.invalid': '127.0.0.2' } });
    expect(!hostOnly.ok && hostOnly.failure).toMatchObject({ class: 'connect', address: `127.0.0.2:${port}` });
    const resolve = { 'a.invalid': '127.0.0.2', [`a.invalid:${port}`]: '127.0.0.1', [`b.invalid:${closed}`]: '127.0.0.1' };
    expect((await get(`http://a.invalid:${port}/`, { resolve })).ok).toBe(true);
    const other = await get(`http://c.invalid:${port}/`, { resolve });
    expect(!other.ok && other.failure.class).toBe('dns');
  });
});

describe('resolver', () => {
  it('asks the given DNS server: a name only it knows is reached, and the lookup is timed', async () => {
    const responder = await dns({ 'svc.upprobe.test': { A: ['127.0.0.1'] } });
    const port = await listen(echoHost());
    const result = await get(`http://svc.upprobe.test:${port}/`, { resolver: responder.address });
    expect(result.ok && result.response.body.toString()).toBe(`host svc.upprobe.test:${port}`);
    expect(result.timings.dns).toBeGreaterThan(0);
  });

  it('a name it does not know fails as dns, naming the name and the server', async () => {
    const responder = await dns({});
    const result = await get('http://nowhere.upprobe.test/', { resolver: responder.address });
    expect(!result.ok && result.failure).toEqual({ class: 'dns', code: 'ENOTFOUND', host: 'nowhere.upprobe.test', server: responder.address });
  });

  it('a server that never answers fails as dns within the timeout', async () => {
    const silent = await startSilentUdpPort();
    try {
      const result = await get('http://svc.upprobe.test/', { resolver: silent.address, timeoutMs: 300 }, { timeoutMs: 300 });
      expect(!result.ok && result.failure.class).toBe('dns');
      expect(silent.received).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  it('ipFamily 6 asks only for AAAA: a name with A records only does not resolve', async () => {
    const responder = await dns({ 'v4only.upprobe.test': { A: ['127.0.0.1'] } });
    const port = await listen(echoHost());
    const v6 = await get(`http://v4only.upprobe.test:${port}/`, { resolver: responder.address, ipFamily: 6 });
    expect(!v6.ok && v6.failure.class).toBe('dns');
    const v4 = await get(`http://v4only.upprobe.test:${port}/`, { resolver: responder.address, ipFamily: 4 });
    expect(v4.ok).toBe(true);
  });
});

describe('localhost and address families', () => {
  itWithIpv6('localhost reaches a server listening on ::1 only, as curl does', async () => {
    const server = await startIpv6HttpServer((_req, res) => res.end('v6'));
    try {
      const result = await get(`http://localhost:${server.port}/`);
      expect(result.ok && result.response.body.toString()).toBe('v6');
      expect(result.timings.dns).not.toBeNull();
    } finally {
      await server.close();
    }
  });

  itWithIpv6('ipFamily 4 keeps to 127.0.0.1: the ::1-only server is refused, naming 127.0.0.1:port; ipFamily 6 reaches it', async () => {
    const server = await startIpv6HttpServer((_req, res) => res.end('v6'));
    try {
      const v4 = await get(`http://localhost:${server.port}/`, { ipFamily: 4 });
      expect(!v4.ok && v4.failure).toMatchObject({ class: 'connect', code: 'ECONNREFUSED', address: `127.0.0.1:${server.port}` });
      const v6 = await get(`http://localhost:${server.port}/`, { ipFamily: 6 });
      expect(v6.ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a refused connect names the address and port it tried', async () => {
    const port = await closedPort();
    const result = await get(`http://127.0.0.1:${port}/`);
    expect(!result.ok && result.failure).toEqual({ class: 'connect', code: 'ECONNREFUSED', timedOut: false, address: `127.0.0.1:${port}` });
  });

  itWithIpv6('localhost refused on both families names both addresses', async () => {
    const port = await closedPort();
    const result = await get(`http://localhost:${port}/`);
    expect(!result.ok && result.failure.class).toBe('connect');
    expect(!result.ok && result.failure.class === 'connect' && result.failure.address).toContain(`127.0.0.1:${port}`);
    expect(!result.ok && result.failure.class === 'connect' && result.failure.address).toContain(`[::1]:${port}`);
  });
});
