// The undici modules upprobe loads one by one (src/http/undici.ts), and how an exchange is stopped
// now that it drops its connection instead of aborting the request.
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../src/http/connections.js';
import { exchange } from '../../src/http/exchange.js';
import { Interrupted } from '../../src/model/interrupted.js';
import { buildConnector, Client } from '../../src/http/undici.js';
import { warmUp, mentionsHttps } from '../../src/http/warm-up.js';
import { startHttpServer, startRawServer, type TestServer } from '../helpers/servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('undici, module by module', () => {
  it('finds Client and buildConnector where undici keeps them (an undici update that moves them fails here)', async () => {
    expect(typeof Client).toBe('function');
    expect(typeof buildConnector).toBe('function');
    const s = await startHttpServer((_req, res) => res.end('hello'));
    servers.push(s);
    const pool = new ConnectionPool({ timeoutMs: 5000, insecure: false });
    try {
      const result = await exchange(pool, { url: new URL(`${s.url}/`), method: 'GET', headers: {}, maxBodySize: 1024, deadline: performance.now() + 5000 });
      expect(result.ok && result.response.status).toBe(200);
      expect(result.ok && result.response.body.toString()).toBe('hello');
    } finally {
      await pool.close();
    }
  });
});

describe('stopping an exchange', () => {
  it('an interrupt mid-request throws Interrupted and closes the connection', async () => {
    const sockets: Socket[] = [];
    // Reads the request and never answers (reading lets it see the client's close).
    const s = await startRawServer((socket) => sockets.push(socket.resume()));
    servers.push(s);
    const pool = new ConnectionPool({ timeoutMs: 5000, insecure: false });
    const interrupt = new AbortController();
    const url = new URL(`${s.url}/`);
    const pending = exchange(pool, { url, method: 'GET', headers: {}, maxBodySize: 1024, deadline: performance.now() + 5000 }, interrupt.signal);
    while (sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const closed = once(sockets[0]!, 'close');
    interrupt.abort('SIGINT');
    await expect(pending).rejects.toBeInstanceOf(Interrupted);
    await closed; // the server sees the connection go: nothing is left half-open
    await pool.close();
  });

  it('a fresh-connection pool closes its connection when the sample is done', async () => {
    const s = await startHttpServer((_req, res) => res.end('ok'));
    servers.push(s);
    const pool = new ConnectionPool({ timeoutMs: 2000, insecure: false });
    const result = await exchange(pool, { url: new URL(`${s.url}/`), method: 'GET', headers: {}, maxBodySize: 1024, deadline: performance.now() + 2000 });
    expect(result.ok).toBe(true);
    await pool.close();
    // A second exchange on the same origin needs a new connection: the first one is gone.
    const again = new ConnectionPool({ timeoutMs: 2000, insecure: false });
    await exchange(again, { url: new URL(`${s.url}/`), method: 'GET', headers: {}, maxBodySize: 1024, deadline: performance.now() + 2000 });
    await again.close();
    expect(s.accepted).toBe(2);
  });
});

describe('warm-up', () => {
  it('runs against its own loopback server, sends nothing to a target, and never throws', async () => {
    const s = await startHttpServer((_req, res) => res.end('ok'));
    servers.push(s);
    await expect(warmUp({ tls: true })).resolves.toBeUndefined();
    expect(s.accepted).toBe(0);
  });

  it('warms TLS only when some probe has an https URL', () => {
    expect(mentionsHttps([{ request: { url: 'http://a.test/x' } }])).toBe(false);
    expect(mentionsHttps([{ request: { url: 'http://a.test/x' } }, { links: { urls: ['https://b.test/'] } }])).toBe(true);
    expect(mentionsHttps([{ expect: { body: { matches: /https:\/\// } } }])).toBe(false);
  });
});
