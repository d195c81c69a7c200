// Compressed bodies: decoded (gzip, deflate in both framings, br, stacked codings), bounded by
// maxBodySize on the wire and once decoded, and `protocol` when they cannot be decoded.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { get, listen } from './helpers.js';

/** A server answering `body` with `content-encoding: encoding`, recording the request's headers. */
async function compressing(encoding: string, body: Buffer): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const port = await listen(
    createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'text/html' });
      res.end(body);
    }),
  );
  return { url: `http://127.0.0.1:${port}/`, seen };
}

const PAGE = Buffer.from('<html><title>Status</title><p>all systems go</p></html>'.repeat(20));

describe('decoding', () => {
  it.each([
    ['gzip', gzipSync(PAGE)],
    ['x-gzip', gzipSync(PAGE)],
    ['deflate', deflateSync(PAGE)],
    ['deflate', deflateRawSync(PAGE)],
    ['br', brotliCompressSync(PAGE)],
    ['gzip, br', brotliCompressSync(gzipSync(PAGE))],
    ['identity', PAGE],
  ])('%s: the body is checked as a browser sees it', async (encoding, wire) => {
    const { url } = await compressing(encoding, wire);
    const result = await get(url, {}, { decompress: true });
    expect(result.ok && result.response.body.equals(PAGE)).toBe(true);
  });

  it('decompress: true asks for gzip, deflate, br; without it nothing is asked, and a compressed answer is decoded anyway', async () => {
    const { url, seen } = await compressing('gzip', gzipSync(PAGE));
    const asked = await get(url, {}, { decompress: true });
    const unasked = await get(url);
    expect(seen.map((h) => h['accept-encoding'])).toEqual(['gzip, deflate, br', undefined]);
    expect(asked.ok && asked.response.body.equals(PAGE)).toBe(true);
    expect(unasked.ok && unasked.response.body.equals(PAGE)).toBe(true);
  });

  it("keeps a probe's own accept-encoding", async () => {
    const { url, seen } = await compressing('gzip', gzipSync(PAGE));
    await get(url, {}, { decompress: true, headers: { 'Accept-Encoding': 'gzip' } });
    expect(seen[0]?.['accept-encoding']).toBe('gzip');
  });
});

describe('bounds', () => {
  it('a decompression bomb (10 MiB of zeros in ~10 KiB of gzip) stops at maxBodySize: protocol, saying it decodes past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const { url } = await compressing('gzip', bomb);
    const result = await get(url, {}, { maxBodySize: 1024 * 1024 });
    expect(!result.ok && result.failure).toEqual({ class: 'protocol', reason: 'decoded-too-large', encoding: 'gzip', limitBytes: 1024 * 1024 });
  });

  it('the same bomb in br, and stacked under gzip, stays bounded too', async () => {
    const br = await compressing('br', brotliCompressSync(Buffer.alloc(10 * 1024 * 1024)));
    expect(await get(br.url, {}, { maxBodySize: 65536 })).toMatchObject({ ok: false, failure: { reason: 'decoded-too-large', encoding: 'br' } });
    const stacked = await compressing('br, gzip', gzipSync(brotliCompressSync(Buffer.alloc(10 * 1024 * 1024))));
    expect(await get(stacked.url, {}, { maxBodySize: 65536 })).toMatchObject({ ok: false, failure: { reason: 'decoded-too-large', encoding: 'br' } });
  });

  it('the wire bytes are bounded first: a compressed body over maxBodySize fails as before', async () => {
    const { url } = await compressing('gzip', gzipSync(Buffer.from(Array.from({ length: 200_000 }, (_, i) => String(i)).join(','))));
    const result = await get(url, {}, { maxBodySize: 1000 });
    expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'body-too-large', limitBytes: 1000 });
  });

  it('a cut body (links read only the start) decodes up to the limit', async () => {
    const big = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `<a href="/p/${i}">`).join(''));
    const { url } = await compressing('gzip', gzipSync(big));
    const result = await get(url, {}, { maxBodySize: 2048, truncateBody: true });
    expect(result.ok && result.response.body.length).toBe(2048);
    expect(result.ok && result.response.body.toString().startsWith('<a href="/p/0">')).toBe(true);
  });
});

describe('undecodable bodies are protocol', () => {
  it('garbage labelled gzip', async () => {
    const { url } = await compressing('gzip', Buffer.from('this is not gzip at all'));
    const result = await get(url);
    expect(!result.ok && result.failure).toMatchObject({ class: 'protocol', reason: 'undecodable', encoding: 'gzip' });
  });

  it('an encoding nobody can decode (compress)', async () => {
    const { url } = await compressing('compress', Buffer.from('\x1f\x9d...'));
    const result = await get(url);
    expect(!result.ok && result.failure).toEqual({ class: 'protocol', reason: 'undecodable', encoding: 'compress', code: 'UNSUPPORTED_ENCODING' });
  });

  it('a link check (a cut body) is not failed by a body it cannot decode: the status is what counts', async () => {
    const { url } = await compressing('zstd', Buffer.from('(\xb5/\xfd...'));
    const result = await get(url, {}, { maxBodySize: 2048, truncateBody: true });
    expect(result.ok && result.response.status).toBe(200);
  });

  it('an empty body with a content-encoding (HEAD, 204) is left alone', async () => {
    const port = await listen(createServer((_req, res) => res.writeHead(204, { 'content-encoding': 'gzip' }).end()));
    const result = await get(`http://127.0.0.1:${port}/`);
    expect(result.ok && result.response.status).toBe(204);
  });
});
