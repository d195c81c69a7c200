// Servers that speak broken HTTP or hang up half-way: `protocol` for what cannot be parsed,
// `reset` for a connection that ends early, each within the timeout.
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRawServer } from '../helpers/servers.js';
import { closeAfterEach, expectInTime, failureOf, serve, timedFetch } from './helpers.js';

closeAfterEach();

/** A server that writes `response` (raw bytes) once the request arrives, then does `then`. */
function answering(response: string | Buffer, then: (socket: Socket) => void = () => undefined) {
  return startRawServer((socket) =>
    socket.once('data', () => {
      socket.write(response);
      then(socket);
    }),
  );
}

describe('malformed responses: protocol', () => {
  const cases: [string, string | Buffer][] = [
    ['an invalid status line', 'HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n'],
    ['a four-digit status', 'HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n'],
    ['binary garbage', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0xff, 0x00, 0x0d, 0x0a])],
    ['a NUL byte in a header', 'HTTP/1.1 200 OK\r\nX-Evil: a\0b\r\nContent-Length: 0\r\n\r\n'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n'],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok'],
    ['Content-Length beside chunked (smuggling)', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n'],
    ['a broken chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n'],
  ];
  it.each(cases)('%s', async (_name, response) => {
    const s = await serve(answering(response));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'malformed' });
    expectInTime(result);
  });
});

describe('connections that end early: reset', () => {
  it('closed (FIN) after the request, before any byte of the response', async () => {
    const s = await serve(startRawServer((socket) => socket.once('data', () => socket.end())));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'reset', phase: 'ttfb' });
    expectInTime(result);
  });

  it('reset (RST) half-way through the status line', async () => {
    const s = await serve(answering('HTTP/1.1 2', (socket) => setTimeout(() => socket.resetAndDestroy(), 20)));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'reset', phase: 'ttfb' });
  });

  it('a declared body that stops half-way with a FIN', async () => {
    const s = await serve(answering('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this', (socket) => setTimeout(() => socket.end(), 20)));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'reset', phase: 'body' });
    expectInTime(result);
  });

  it('a chunked body reset in the middle of a chunk', async () => {
    const s = await serve(
      answering('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\nhalf a ch', (socket) => setTimeout(() => socket.resetAndDestroy(), 20)),
    );
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'reset', phase: 'body' });
    expectInTime(result);
  });
});

describe('interim responses', () => {
  /** Sends `interim` every 5 ms and never a final response. */
  function endless(interim: string) {
    return startRawServer((socket) =>
      socket.once('data', () => {
        const timer = setInterval(() => socket.write(interim), 5);
        socket.once('close', () => clearInterval(timer));
      }),
    );
  }

  it('an unasked-for "100 Continue" is malformed: protocol', async () => {
    const s = await serve(endless('HTTP/1.1 100 Continue\r\n\r\n'));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'malformed' });
  });

  it('"102 Processing" forever and never a final response: timeout in phase ttfb', async () => {
    const s = await serve(endless('HTTP/1.1 102 Processing\r\n\r\n'));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'timeout', phase: 'ttfb' });
    expectInTime(result);
  });
});

describe('a response nobody asked for', () => {
  it('extra bytes after a complete response do not spoil the sample', async () => {
    const s = await serve(answering('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 500 Smuggled\r\n\r\n'));
    const result = await timedFetch(`${s.url}/`);
    expect(result.ok && result.response.body.toString()).toBe('ok');
  });
});
