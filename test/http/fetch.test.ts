// Every transport failure class, reproduced for real against loopback servers.
import { describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../src/http/connections.js';
import { fetchFollowingRedirects, type FetchRequest } from '../../src/http/redirects.js';
import { closeAfterEach, closedPort, fakeLookup, keep, startHttpServer, startHttpsServer, startRawServer, type TestServer } from '../helpers/servers.js';

closeAfterEach();

async function serve(server: Promise<TestServer>): Promise<TestServer> {
  return keep(await server);
}

function request(url: string, overrides: Partial<FetchRequest> = {}): FetchRequest {
  return { url: new URL(url), method: 'GET', headers: {}, followRedirects: true, maxRedirects: 10, maxBodySize: 1024 * 1024, timeoutMs: 2000, ...overrides };
}

function fetch(url: string, overrides: Partial<FetchRequest> = {}, pool = new ConnectionPool({ timeoutMs: overrides.timeoutMs ?? 2000, insecure: false })) {
  keep(pool);
  return fetchFollowingRedirects(pool, request(url, overrides));
}

describe('successful exchanges', () => {
  it('returns status, body and socket-event phase timings on a fresh connection', async () => {
    const s = await serve(startHttpServer((_req, res) => res.end('hello')));
    const result = await fetch(`${s.url}/x`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.response.status).toBe(200);
    expect(result.response.body.toString()).toBe('hello');
    expect(result.timings.dns).toBeNull(); // an IP literal needs no lookup
    expect(result.timings.connect).toBeGreaterThan(0);
    expect(result.timings.tls).toBeNull(); // plain HTTP
    expect(result.timings.ttfb).toBeGreaterThan(0);
    expect(result.hops).toHaveLength(1);
  });

  it('measures DNS when the name needs resolving', async () => {
    const s = await serve(startHttpServer((_req, res) => res.end('ok')));
    const lookup = fakeLookup({ 'probe.test': '127.0.0.1' }, 30);
    const pool = new ConnectionPool({ timeoutMs: 2000, insecure: false, lookup });
    const result = await fetch(`http://probe.test:${s.port}/`, {}, pool);
    expect(result.ok).toBe(true);
    expect(result.timings.dns).toBeGreaterThanOrEqual(25);
  });

  it('reuses a kept-alive connection: no connect phase the second time', async () => {
    const s = await serve(startHttpServer((_req, res) => res.end('ok')));
    const pool = new ConnectionPool({ timeoutMs: 2000, insecure: false });
    const first = await fetch(`${s.url}/`, {}, pool);
    const second = await fetch(`${s.url}/`, {}, pool);
    expect(first.timings.connect).not.toBeNull();
    expect(second.timings.connect).toBeNull();
    expect(s.accepted).toBe(1);
  });

  it('measures the TLS handshake with insecure: true against a self-signed certificate', async () => {
    const s = await serve(startHttpsServer((_req, res) => res.end('secure')));
    const pool = new ConnectionPool({ timeoutMs: 2000, insecure: true });
    const result = await fetch(`${s.url}/`, {}, pool);
    expect(result.ok).toBe(true);
    expect(result.timings.tls).toBeGreaterThan(0);
  });
});

describe('failure classes', () => {
  it('dns: a name that does not resolve', async () => {
    const lookup = fakeLookup({});
    const result = await fetch('http://nowhere.invalid/', {}, new ConnectionPool({ timeoutMs: 2000, insecure: false, lookup }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure).toMatchObject({ class: 'dns', code: 'ENOTFOUND', host: 'nowhere.invalid' });
  });

  it('connect: a closed port refuses', async () => {
    const port = await closedPort();
    const result = await fetch(`http://127.0.0.1:${port}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'connect', code: 'ECONNREFUSED', timedOut: false });
  });

  it('tls: a self-signed certificate is rejected by default', async () => {
    const s = await serve(startHttpsServer((_req, res) => res.end('x')));
    const result = await fetch(`${s.url}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('tls: an expired and a wrong-host certificate', async () => {
    const expired = await serve(startHttpsServer((_req, res) => res.end('x'), 'expired'));
    const wrongHost = await serve(startHttpsServer((_req, res) => res.end('x'), 'wrong-host'));
    for (const s of [expired, wrongHost]) {
      const result = await fetch(`${s.url}/`);
      expect(!result.ok && result.failure.class).toBe('tls');
    }
  });

  it('timeout: a server that accepts and never answers, phase ttfb', async () => {
    const s = await serve(startRawServer(() => undefined));
    const started = performance.now();
    const result = await fetch(`${s.url}/`, { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(!result.ok && result.failure).toMatchObject({ class: 'timeout', phase: 'ttfb' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('timeout: a body that never ends, phase body', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).write('start')));
    const result = await fetch(`${s.url}/`, { timeoutMs: 300 });
    expect(!result.ok && result.failure).toMatchObject({ class: 'timeout', phase: 'body' });
  });

  it('reset: the server resets the connection before answering', async () => {
    const s = await serve(startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    const result = await fetch(`${s.url}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'reset', phase: 'ttfb' });
  });

  it('reset: the response stops mid-body', async () => {
    const s = await serve(
      startRawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
          setTimeout(() => socket.destroy(), 20);
        }),
      ),
    );
    const result = await fetch(`${s.url}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'reset', phase: 'body' });
  });

  it('protocol: malformed HTTP', async () => {
    const s = await serve(startRawServer((socket) => socket.once('data', () => socket.end('HELLO THERE\r\n\r\n'))));
    const result = await fetch(`${s.url}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'malformed' });
  });

  it('a HEAD response declaring a large body is not over the limit: it has no body', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(200, { 'content-length': 5000 }).end()));
    const result = await fetch(`${s.url}/`, { method: 'HEAD', maxBodySize: 1000 });
    expect(result.ok).toBe(true);
  });

  it('protocol: a body over maxBodySize, declared or streamed', async () => {
    const declared = await serve(startHttpServer((_req, res) => res.writeHead(200, { 'content-length': 5000 }).end('x'.repeat(5000))));
    const streamed = await serve(startHttpServer((_req, res) => res.end('y'.repeat(5000))));
    for (const s of [declared, streamed]) {
      const result = await fetch(`${s.url}/`, { maxBodySize: 1000 });
      expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'body-too-large', limitBytes: 1000 });
    }
  });
});

describe('redirects', () => {
  it('follows a chain hop by hop, resolving relative Locations', async () => {
    const s = await serve(
      startHttpServer((req, res) => {
        if (req.url === '/a') res.writeHead(301, { location: '/b' }).end();
        else if (req.url === '/b') res.writeHead(302, { location: 'c' }).end();
        else res.end(`final ${req.url}`);
      }),
    );
    const result = await fetch(`${s.url}/a`);
    expect(result.ok && result.response.body.toString()).toBe('final /c');
    expect(result.hops.map((h) => [new URL(h.url).pathname, h.status])).toEqual([['/a', 301], ['/b', 302], ['/c', 200]]);
    expect(result.url.pathname).toBe('/c');
  });

  it('does not follow when followRedirects is false', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(303, { location: '/home' }).end()));
    const result = await fetch(`${s.url}/`, { followRedirects: false });
    expect(result.ok && result.response.status).toBe(303);
  });

  it('redirect: a loop, too many hops, and a non-http scheme', async () => {
    const s = await serve(
      startHttpServer((req, res) => {
        const n = Number(req.url?.slice(1));
        if (req.url === '/loop-a') res.writeHead(302, { location: '/loop-b' }).end();
        else if (req.url === '/loop-b') res.writeHead(302, { location: '/loop-a' }).end();
        else if (req.url === '/file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        else res.writeHead(302, { location: `/${n + 1}` }).end();
      }),
    );
    const loop = await fetch(`${s.url}/loop-a`);
    expect(!loop.ok && loop.failure).toMatchObject({ class: 'redirect', reason: 'loop' });
    const many = await fetch(`${s.url}/0`, { maxRedirects: 3 });
    expect(!many.ok && many.failure).toMatchObject({ class: 'redirect', reason: 'too-many', maxRedirects: 3 });
    expect(many.hops).toHaveLength(4);
    const file = await fetch(`${s.url}/file`);
    expect(!file.ok && file.failure).toMatchObject({ class: 'redirect', reason: 'scheme', location: 'file:///etc/passwd' });
  });

  it('protocol: a redirect status without Location', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(302).end()));
    const result = await fetch(`${s.url}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'missing-location' });
  });

  it('turns a POST into a GET after 303 and drops credentials across origins', async () => {
    const seen: { method?: string; auth?: string }[] = [];
    const other = await serve(startHttpServer((req, res) => {
      seen.push({ method: req.method, auth: req.headers.authorization });
      res.end('other');
    }));
    const s = await serve(startHttpServer((_req, res) => res.writeHead(303, { location: `${other.url}/landing` }).end()));
    const result = await fetch(`${s.url}/`, { method: 'POST', body: 'a=1', headers: { authorization: 'Bearer abc' } });
    expect(result.ok).toBe(true);
    expect(seen).toEqual([{ method: 'GET', auth: undefined }]);
  });
});
