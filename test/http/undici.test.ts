// The undici modules upprobe loads one by one (src/http/undici.ts), and how an exchange is stopped
// now that it drops its connection instead of aborting the request.
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionPool } from '../../src/http/connections.js';
import { exchange } from '../../src/http/exchange.js';
import { Interrupted } from '../../src/model/interrupted.js';
import { buildConnector, Client } from '../../src/http/undici.js';
import { warmUp, mentionsHttps } from '../../src/http/warm-up.js';
import { runYaml } from '../helpers/run.js';
import { closeAfterEach, keep, startHttpServer, startRawServer, type TestServer } from '../helpers/servers.js';

closeAfterEach();

describe('undici, module by module', () => {
  it('finds Client and buildConnector where undici keeps them (an undici update that moves them fails here)', async () => {
    expect(typeof Client).toBe('function');
    expect(typeof buildConnector).toBe('function');
    const s = keep(await startHttpServer((_req, res) => res.end('hello')));
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
    const s = keep(await startRawServer((socket) => sockets.push(socket.resume())));
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
});

// A pool that did not close its connections would leak one socket per sample: a long cron run
// would run out of file descriptors. The server here never closes an idle connection and asks the
// client to keep it for 10 minutes, so only ConnectionPool.close() can end it: these fail when
// close() does nothing (tried: they time out waiting for the server's count to reach 0).
function keepAliveServer() {
  return startRawServer((socket) => {
    let pending = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        pending = pending.slice(end + 4);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\nKeep-Alive: timeout=600\r\n\r\nok');
      }
    });
  });
}

describe('closing connections', () => {
  const request = (s: TestServer) => ({ url: new URL(`${s.url}/`), method: 'GET', headers: {}, maxBodySize: 1024, deadline: performance.now() + 5000 });
  /** Until the server has no connection open; a leaked one never closes, and this fails. */
  const allClosed = (s: TestServer) => vi.waitFor(() => expect(s.open, 'connections still open').toBe(0), { timeout: 2000, interval: 5 });

  it('a pool keeps its connection open until close(), then the server sees it go', async () => {
    const s = await keep(keepAliveServer());
    const pool = new ConnectionPool({ timeoutMs: 5000, insecure: false });
    expect((await exchange(pool, request(s))).ok).toBe(true);
    expect((await exchange(pool, request(s))).ok).toBe(true);
    expect(s.accepted).toBe(1); // kept alive and reused: the server still holds it
    expect(s.open).toBe(1);
    await pool.close();
    await allClosed(s);
  });

  it('a fresh-connection sample leaves no socket open', async () => {
    const s = await keep(keepAliveServer());
    const result = await runYaml(`version: 1
defaults: { baseUrl: "${s.url}", samples: 5, concurrency: 2 }
probes:
  - { id: fresh, kind: http, surface: api, request: { url: / } }
`);
    expect(result.probes[0]!.samples - result.probes[0]!.failedSamples).toBe(5);
    expect(s.accepted).toBe(5); // one connection per sample
    await allClosed(s);
  });
});

describe('warm-up', () => {
  it('runs against its own loopback server, sends nothing to a target, and never throws', async () => {
    const s = keep(await startHttpServer((_req, res) => res.end('ok')));
    await expect(warmUp({ tls: true })).resolves.toBeUndefined();
    expect(s.accepted).toBe(0);
  });

  it('warms TLS only when some probe has an https URL', () => {
    expect(mentionsHttps([{ request: { url: 'http://a.test/x' } }])).toBe(false);
    expect(mentionsHttps([{ request: { url: 'http://a.test/x' } }, { links: { urls: ['https://b.test/'] } }])).toBe(true);
    expect(mentionsHttps([{ expect: { body: { matches: /https:\/\// } } }])).toBe(false);
  });
});
