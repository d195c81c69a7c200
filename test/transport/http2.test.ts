// HTTP/2 offered by ALPN on https (undici's allowH2), HTTP/1.1 the fallback; the version that
// answered is recorded. Servers from node:http2, one of them h2-only (no HTTP/1.1 at all).
import { constants, createSecureServer, type Http2SecureServer, type SecureServerOptions } from 'node:http2';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { testCa } from '../helpers/tls-ca.js';
import { get, listen, pool } from './helpers.js';

async function h2Server(options: Partial<SecureServerOptions>, handler: Parameters<Http2SecureServer['on']>[1] & ((...args: never[]) => void)): Promise<string> {
  const ca = await testCa();
  const server = createSecureServer({ ...ca.server, ...options });
  server.on('request', handler);
  return `https://localhost:${await listen(server)}`;
}

const answerVersion = (req: { httpVersion: string }, res: { end(text: string): void }) => res.end(`served over ${req.httpVersion}`);

describe('HTTP/2 by ALPN', () => {
  it('speaks HTTP/2 to a server that offers both, records "2", and times every phase', async () => {
    const ca = await testCa();
    const url = await h2Server({ allowHTTP1: true }, answerVersion);
    const result = await get(`${url}/`, { ca: ca.caCert });
    expect(result.ok && result.response.body.toString()).toBe('served over 2.0');
    expect(result.httpVersion).toBe('2');
    expect(result.timings.connect).toBeGreaterThan(0);
    expect(result.timings.tls).toBeGreaterThan(0);
    expect(result.timings.ttfb).toBeGreaterThan(0);
  });

  it('http2: false speaks HTTP/1.1 to the same server and records "1.1"', async () => {
    const ca = await testCa();
    const url = await h2Server({ allowHTTP1: true }, answerVersion);
    const result = await get(`${url}/`, { ca: ca.caCert, http2: false });
    expect(result.ok && result.response.body.toString()).toBe('served over 1.1');
    expect(result.httpVersion).toBe('1.1');
  });

  it('reaches an h2-only server (it was "reset" with HTTP/1.1 only)', async () => {
    const ca = await testCa();
    const url = await h2Server({ allowHTTP1: false }, answerVersion);
    const result = await get(`${url}/`, { ca: ca.caCert });
    expect(result.ok && result.response.body.toString()).toBe('served over 2.0');
  });

  it('with http2: false, an h2-only server refuses the handshake: tls, no application protocol', async () => {
    const ca = await testCa();
    const url = await h2Server({ allowHTTP1: false }, answerVersion);
    const result = await get(`${url}/`, { ca: ca.caCert, http2: false });
    expect(!result.ok && result.failure).toMatchObject({ class: 'tls', code: 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL', reason: 'tlsv1 alert no application protocol' });
    expect(result.httpVersion).toBeNull();
  });

  it('plain http:// stays HTTP/1.1 (no h2c), recorded as "1.1", with no TLS', async () => {
    const port = await listen(createServer((_req, res) => res.end('ok')));
    const result = await get(`http://127.0.0.1:${port}/`);
    expect(result.httpVersion).toBe('1.1');
    expect(result.tls).toBeNull();
  });

  it('reuses one HTTP/2 connection when the pool is kept: no connect phase the second time', async () => {
    const ca = await testCa();
    let sessions = 0;
    const server = createSecureServer({ ...ca.server });
    server.on('session', () => sessions++);
    server.on('request', answerVersion);
    const url = `https://localhost:${await listen(server)}/`;
    const shared = pool({ ca: ca.caCert });
    const first = await get(url, {}, {}, shared);
    const second = await get(url, {}, {}, shared);
    expect(first.timings.connect).not.toBeNull();
    expect(second.ok && second.httpVersion).toBe('2');
    expect(second.timings.connect).toBeNull();
    expect(sessions).toBe(1);
  });

  it('follows redirects and keeps status and headers over HTTP/2', async () => {
    const ca = await testCa();
    const url = await h2Server({}, (req: { url?: string }, res: { writeHead(s: number, h?: object): void; end(t?: string): void }) => {
      if (req.url === '/old') return res.writeHead(301, { location: '/new' }), res.end();
      res.writeHead(503, { 'retry-after': '5' });
      res.end('down');
    });
    const result = await get(`${url}/old`, { ca: ca.caCert });
    expect(result.ok && result.response.status).toBe(503);
    expect(result.ok && result.response.headers['retry-after']).toBe('5');
    expect(result.hops.map((h) => h.status)).toEqual([301, 503]);
  });
});

describe('HTTP/2 answers undici handles soundly (pinned)', () => {
  it('103 Early Hints before the answer, trailers after it, a HEAD with a content-length, a 204', async () => {
    const ca = await testCa();
    const server = createSecureServer({ ...ca.server });
    server.on('stream', (stream, headers) => {
      const path = headers[':path'];
      if (path === '/103') {
        stream.additionalHeaders({ ':status': 103, link: '</a.css>; rel=preload' });
        stream.respond({ ':status': 200 });
        return void stream.end('after hints');
      }
      if (path === '/trailers') {
        stream.respond({ ':status': 200 }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'x-checksum': '1' }));
        return void stream.end('body');
      }
      if (path === '/head') {
        stream.respond({ ':status': 200, 'content-length': '10' });
        return void stream.end();
      }
      stream.respond({ ':status': 204 });
      stream.end();
    });
    const url = `https://localhost:${await listen(server)}`;
    const answer = async (path: string, method = 'GET') => {
      const result = await get(`${url}${path}`, { ca: ca.caCert }, { method });
      return result.ok ? [result.response.status, result.response.body.toString(), result.httpVersion] : result.failure;
    };
    expect(await answer('/103')).toEqual([200, 'after hints', '2']);
    expect(await answer('/trailers')).toEqual([200, 'body', '2']);
    expect(await answer('/head', 'HEAD')).toEqual([200, '', '2']);
    expect(await answer('/none')).toEqual([204, '', '2']);
  });
});

describe('HTTP/2 failures keep their classes', () => {
  it('a body over maxBodySize: protocol body-too-large', async () => {
    const ca = await testCa();
    const url = await h2Server({}, (_req: unknown, res: { end(b: Buffer): void }) => res.end(Buffer.alloc(5000, 'x')));
    const result = await get(`${url}/`, { ca: ca.caCert }, { maxBodySize: 1000 });
    expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'body-too-large', limitBytes: 1000 });
  });

  it('a stream the server resets before answering: reset', async () => {
    const ca = await testCa();
    const server = createSecureServer({ ...ca.server });
    server.on('stream', (stream) => stream.on('error', () => undefined).close(constants.NGHTTP2_INTERNAL_ERROR));
    const url = `https://localhost:${await listen(server)}/`;
    const result = await get(url, { ca: ca.caCert });
    expect(!result.ok && result.failure).toMatchObject({ class: 'reset' });
  });

  it('a server that never answers the stream: timeout in phase ttfb', async () => {
    const ca = await testCa();
    const server = createSecureServer({ ...ca.server });
    // Answers /ok; never answers anything else. The stalled request goes on the connection /ok
    // opened, so however busy the machine, the deadline runs out waiting for headers.
    server.on('stream', (stream, headers) => {
      if (headers[':path'] !== '/ok') return;
      stream.respond({ ':status': 200 });
      stream.end('ok');
    });
    const url = `https://localhost:${await listen(server)}`;
    const shared = pool({ ca: ca.caCert });
    expect((await get(`${url}/ok`, {}, {}, shared)).ok).toBe(true);
    const result = await get(`${url}/stall`, {}, { timeoutMs: 300 }, shared);
    expect(!result.ok && result.failure).toMatchObject({ class: 'timeout', phase: 'ttfb' });
  });
});
