// Servers that send too much: every one is cut at a limit, quickly, as `protocol`; nothing is
// decompressed, so the body limit is the real number of bytes read.
import type { Socket } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startHttpServer, startRawServer } from '../helpers/servers.js';
import { closeAfterEach, failureOf, serve, timedFetch } from './helpers.js';

closeAfterEach();

const MiB = 1024 * 1024;
const TWO_GIB = 2 * 1024 * MiB;

/**
 * Sends `total` bytes as fast as the client takes them (respecting backpressure, so the test
 * process itself stays small) and counts what it managed to write before the client hung up.
 */
function firehose(socket: Socket, total: number, sent: { bytes: number }): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (sent.bytes < total && !socket.destroyed) {
      sent.bytes += chunk.length;
      if (!socket.write(chunk)) return void socket.once('drain', pump);
    }
  };
  pump();
}

describe('servers that send too much', () => {
  it('a 2 GiB Content-Length: cut at the body limit as protocol, long before 2 GiB went over the wire', async () => {
    const sent = { bytes: 0 };
    const s = await serve(
      startRawServer((socket) =>
        socket.once('data', () => {
          socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${TWO_GIB}\r\n\r\n`);
          firehose(socket, TWO_GIB, sent);
        }),
      ),
    );
    const result = await timedFetch(`${s.url}/`, { timeoutMs: 3000 });
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'body-too-large', limitBytes: MiB });
    expect(sent.bytes).toBeLessThan(256 * MiB);
  });

  it('a 2 GiB body without Content-Length, streamed at full speed: cut at the limit as it arrives', async () => {
    const sent = { bytes: 0 };
    const s = await serve(
      startRawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n');
          firehose(socket, TWO_GIB, sent);
        }),
      ),
    );
    const result = await timedFetch(`${s.url}/`, { timeoutMs: 3000, maxBodySize: 4 * MiB });
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'body-too-large', limitBytes: 4 * MiB });
    expect(sent.bytes).toBeLessThan(256 * MiB);
  });

  it('a chunked body that never ends, at full speed: protocol at the limit, not a timeout', async () => {
    const s = await serve(
      startRawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
          const chunk = `${(64 * 1024).toString(16)}\r\n${'c'.repeat(64 * 1024)}\r\n`;
          const pump = () => {
            while (!socket.destroyed) if (!socket.write(chunk)) return void socket.once('drain', pump);
          };
          pump();
        }),
      ),
    );
    const result = await timedFetch(`${s.url}/`, { timeoutMs: 3000 });
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'body-too-large' });
  });

  it('a header flood of 50,000 headers: protocol', async () => {
    const headers = Array.from({ length: 50_000 }, (_, i) => `X-Flood-${i}: ${i}\r\n`).join('');
    const s = await serve(startRawServer((socket) => socket.once('data', () => socket.write(`HTTP/1.1 200 OK\r\n${headers}Content-Length: 2\r\n\r\nok`))));
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'malformed' });
  });

  it('one header line of 1 MiB: protocol', async () => {
    const s = await serve(
      startRawServer((socket) => socket.once('data', () => socket.write(`HTTP/1.1 200 OK\r\nX-Big: ${'b'.repeat(MiB)}\r\nContent-Length: 2\r\n\r\nok`))),
    );
    const result = await timedFetch(`${s.url}/`);
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'malformed' });
  });
});

describe('compression', () => {
  // 64 MiB of zeros: about 64 KiB gzipped. Decompressing it would blow past any body limit.
  const bomb = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });
  const brBomb = brotliCompressSync(Buffer.alloc(64 * MiB));

  it('does not ask for compression; a bomb sent anyway is decoded only up to the body limit: protocol, saying so', async () => {
    const asked: (string | undefined)[] = [];
    const s = await serve(
      startHttpServer((req, res) => {
        asked.push(req.headers['accept-encoding']);
        const body = req.url === '/br' ? brBomb : bomb;
        res.writeHead(200, { 'content-encoding': req.url === '/br' ? 'br' : 'gzip', 'content-length': body.length }).end(body);
      }),
    );
    for (const [path, encoding] of [['/gzip', 'gzip'], ['/br', 'br']] as const) {
      const result = await timedFetch(`${s.url}${path}`);
      // The wire bytes are well under the 1 MiB limit; decoded, they would be 64 MiB.
      expect(failureOf(result)).toEqual({ class: 'protocol', reason: 'decoded-too-large', encoding, limitBytes: MiB });
    }
    expect(asked).toEqual([undefined, undefined]);
  });

  it('the body limit applies to the compressed bytes as sent', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb)));
    const result = await timedFetch(`${s.url}/`, { maxBodySize: 16 * 1024 });
    expect(failureOf(result)).toMatchObject({ class: 'protocol', reason: 'body-too-large', limitBytes: 16 * 1024 });
  });
});
