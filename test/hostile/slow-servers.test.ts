// Servers that stall: every one must end as a classified failure within the timeout plus a margin,
// however many bytes keep trickling in (the deadline covers the whole exchange, not idle gaps).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type LookupFunction, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../src/http/connections.js';
import { fetchFollowingRedirects } from '../../src/http/redirects.js';
import { startRawServer } from '../helpers/servers.js';
import { closeAfterEach, expectInTime, failureOf, serve, timedFetch, TIMEOUT_MS } from './helpers.js';

closeAfterEach();

/** Writes `text` one byte every `everyMs`; stops when the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (i < text.length) socket.write(text[i++] ?? '');
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/** Calls `answer` once the request has arrived. */
function onRequest(answer: (socket: Socket) => void) {
  return (socket: Socket) => socket.once('data', () => answer(socket));
}

describe('servers that stall', () => {
  it('headers trickled one byte a second: timeout in phase ttfb', async () => {
    const s = await serve(startRawServer(onRequest((socket) => trickle(socket, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 1000))));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'ttfb' });
    expect(result.elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expectInTime(result);
  });

  it('a declared body trickled one byte every 20 ms: timeout in phase body', async () => {
    const s = await serve(
      startRawServer(
        onRequest((socket) => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n');
          trickle(socket, 'x'.repeat(100_000), 20);
        }),
      ),
    );
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'body' });
    expectInTime(result);
  });

  it('a chunked body that never ends, a chunk every 10 ms: timeout in phase body', async () => {
    const s = await serve(
      startRawServer(
        onRequest((socket) => {
          socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
          const timer = setInterval(() => socket.write('5\r\nchunk\r\n'), 10);
          socket.once('close', () => clearInterval(timer));
        }),
      ),
    );
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'body' });
    expectInTime(result);
  });

  it('accepted and never answered: timeout in phase ttfb', async () => {
    const s = await serve(startRawServer(() => undefined));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'ttfb' });
    expectInTime(result);
  });

  it('an https port that accepts TCP and never starts the handshake: timeout in phase tls', async () => {
    const s = await serve(startRawServer(() => undefined));
    const result = await timedFetch(`https://127.0.0.1:${s.port}/`);
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'tls' });
    expectInTime(result);
  });

  it('regression: a deadline during the handshake is kept, not rounded up to undici\'s 1 s connect timer', async () => {
    // undici lets an aborted request wait for a pending connect, whose timer ticks in whole
    // seconds: a 300 ms timeout used to end after 1 s. The exchange now cancels the connection itself.
    const s = await serve(startRawServer(() => undefined));
    const result = await timedFetch(`https://127.0.0.1:${s.port}/`, { timeoutMs: 300 });
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'tls' });
    expect(result.elapsed).toBeLessThan(900);
  });
});

describe('a resolver that never answers', () => {
  it('dns (timed out), within the timeout', async () => {
    const neverAnswers: LookupFunction = () => undefined;
    const pool = new ConnectionPool({ timeoutMs: TIMEOUT_MS, insecure: false, lookup: neverAnswers });
    const started = performance.now();
    const request = { url: new URL('http://stuck.test/'), method: 'GET', headers: {}, followRedirects: true, maxRedirects: 10, maxBodySize: 1024, timeoutMs: TIMEOUT_MS };
    const result = await fetchFollowingRedirects(pool, request);
    await pool.close();
    expect(failureOf(result)).toMatchObject({ class: 'dns', code: 'ETIMEOUT', host: 'stuck.test' });
    expectInTime({ elapsed: performance.now() - started });
  });
});

describe('a listen backlog that never accepts', () => {
  // Node accepts every connection as soon as its event loop runs, so the listener lives in a child
  // process whose event loop is blocked: the kernel completes handshakes into the accept queue
  // until the backlog is full, then drops further SYNs (Linux). A connect then either hangs in
  // SYN_SENT (`connect`, timed out) or, if it slipped into the queue, is never answered (`timeout`
  // in ttfb): both are right, by phase. Nothing here leaves loopback.
  let listener: ChildProcess | undefined;
  const fillers: Socket[] = [];
  afterEach(() => {
    for (const socket of fillers.splice(0)) socket.destroy();
    listener?.kill('SIGKILL');
    listener = undefined;
  });

  async function stuckListener(): Promise<number> {
    const script = `
      const server = require('node:net').createServer();
      server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
        process.stdout.write(server.address().port + '\\n', () => {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // block the loop: accept() never runs
        });
      });`;
    listener = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(listener.stdout!, 'data')) as [Buffer];
    return Number(chunk.toString().trim());
  }

  /** Opens connections until one does not complete within 200 ms: the queue is full. */
  async function fillBacklog(port: number): Promise<void> {
    for (let i = 0; i < 16; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      fillers.push(socket);
      const connected = await Promise.race([once(socket, 'connect').then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
      if (!connected) return;
    }
    throw new Error('the backlog never filled');
  }

  it('connect (timed out) or timeout in ttfb, within the timeout', async () => {
    const port = await stuckListener();
    await fillBacklog(port);
    const result = await timedFetch(`http://127.0.0.1:${port}/`);
    const failure = failureOf(result);
    expect([
      { class: 'connect', timedOut: true },
      { class: 'timeout', phase: 'ttfb' },
    ]).toContainEqual(failure.class === 'connect' ? { class: failure.class, timedOut: failure.timedOut } : { class: failure.class, phase: 'phase' in failure ? failure.phase : null });
    expectInTime(result);
  });
});
