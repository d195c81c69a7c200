// Issue 15 items 9 and 13: a server that closes every connection after one response without
// saying so, and a status line below 100.
import { createSecureServer } from 'node:http2';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testCa } from '../helpers/tls-ca.js';
import { get, listen, pool } from './helpers.js';

/**
 * Answers the first request on each connection, then closes the connection when the next one
 * arrives, before any byte of an answer: what a server that closes after each response without
 * `Connection: close` looks like to a client that was quick to reuse the connection.
 */
async function oneResponsePerConnection(answer: (path: string) => string): Promise<{ port: number; accepted: () => number }> {
  let accepted = 0;
  const port = await listen(
    createServer((socket: Socket) => {
      accepted++;
      let answered = false;
      socket.on('data', (data) => {
        if (answered) return void socket.destroy();
        answered = true;
        const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '/';
        socket.write(answer(path));
      });
    }),
  );
  return { port, accepted: () => accepted };
}

const ok = (body: string) => `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`;

describe('a reused connection the server closed before answering', () => {
  it('a redirect hop on it is sent again once on a new connection (it failed as reset)', async () => {
    const server = await oneResponsePerConnection((path) => (path === '/a' ? 'HTTP/1.1 302 Found\r\nlocation: /b\r\ncontent-length: 0\r\n\r\n' : ok('landed')));
    const result = await get(`http://127.0.0.1:${server.port}/a`);
    expect(result.ok && result.response.body.toString()).toBe('landed');
    expect(result.hops.map((h) => h.status)).toEqual([302, 200]);
    expect(server.accepted()).toBe(2);
    // The retried hop connected anew, and its connect time is counted.
    expect(result.timings.connect).toBeGreaterThan(0);
  });

  it('a kept pool (reuseConnections) recovers the same way, sample after sample', async () => {
    const server = await oneResponsePerConnection(() => ok('fine'));
    const shared = pool();
    for (let i = 0; i < 3; i++) {
      const result = await get(`http://127.0.0.1:${server.port}/`, {}, {}, shared);
      expect(result.ok && result.response.body.toString()).toBe('fine');
    }
    expect(server.accepted()).toBe(3);
  });

  it('over HTTP/2, a session the server ends (GOAWAY) after each response: the next request goes on a new one', async () => {
    const ca = await testCa();
    let sessions = 0;
    const server = createSecureServer({ ...ca.server });
    server.on('session', () => sessions++);
    server.on('stream', (stream) => {
      stream.respond({ ':status': 200 });
      stream.end('ok', () => stream.session?.close());
    });
    const url = `https://localhost:${await listen(server)}/`;
    const shared = pool({ ca: ca.caCert });
    for (let i = 0; i < 3; i++) {
      const result = await get(url, {}, {}, shared);
      expect(result.ok ? result.response.status : result.failure).toBe(200);
    }
    expect(sessions).toBe(3);
  });

  it('a POST is not sent twice: it fails as reset', async () => {
    const server = await oneResponsePerConnection(() => ok('fine'));
    const shared = pool();
    await get(`http://127.0.0.1:${server.port}/`, {}, {}, shared);
    const post = await get(`http://127.0.0.1:${server.port}/`, {}, { method: 'POST', body: 'x=1' }, shared);
    expect(!post.ok && post.failure).toMatchObject({ class: 'reset' });
    expect(server.accepted()).toBe(1);
  });

  it('a connection closed after part of an answer is not retried: reset', async () => {
    let accepted = 0;
    const port = await listen(
      createServer((socket: Socket) => {
        accepted++;
        let requests = 0;
        socket.on('data', () => {
          requests++;
          if (requests === 1) socket.write(ok('first'));
          else socket.end('HTTP/1.1 200 OK\r\ncontent-len');
        });
      }),
    );
    const shared = pool();
    await get(`http://127.0.0.1:${port}/`, {}, {}, shared);
    const second = await get(`http://127.0.0.1:${port}/`, {}, {}, shared);
    expect(second.ok).toBe(false);
    expect(accepted).toBe(1);
  });
});

describe('a status line below 100', () => {
  it('"HTTP/1.1 099" is a malformed response (protocol), not an internal error', async () => {
    const port = await listen(createServer((socket: Socket) => socket.once('data', () => socket.end('HTTP/1.1 099 Weird\r\ncontent-length: 0\r\n\r\n'))));
    const result = await get(`http://127.0.0.1:${port}/`);
    expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'malformed' });
  });
});
