// Content-Encoding decoding (gzip, deflate, br) with node:zlib, bounded: the decoded body may not
// grow past the same maxBodySize that bounds the wire bytes, so a decompression bomb stops there.
import type { Transform } from 'node:stream';
import {
  brotliDecompress,
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  gunzip,
  inflate,
  inflateRaw,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { Failure } from '../model/failure.js';

export type Decoded = { ok: true; body: Buffer } | { ok: false; failure: Failure };

type Step = (input: Buffer, options: ZlibOptions & BrotliOptions, done: (err: Error | null, out: Buffer) => void) => void;

/** The header value says something has to be decoded (not absent, not only `identity`). */
export function needsDecoding(contentEncoding: string | string[] | undefined): contentEncoding is string | string[] {
  if (contentEncoding === undefined) return false;
  const value = Array.isArray(contentEncoding) ? contentEncoding.join(',') : contentEncoding;
  return value.split(',').some((coding) => {
    const name = coding.trim().toLowerCase();
    return name !== '' && name !== 'identity';
  });
}

/**
 * Undoes each coding, last applied first. `cut`: the caller wants the start of the body only (a
 * links probe), so decoding stops at the limit instead of failing, and a stream that was cut
 * short on the wire is decoded as far as it goes.
 */
export function decodeBody(body: Buffer, contentEncoding: string | string[], limitBytes: number, cut: boolean, done: (result: Decoded) => void): void {
  const value = Array.isArray(contentEncoding) ? contentEncoding.join(',') : contentEncoding;
  const codings = value
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .reverse();
  const next = (index: number, input: Buffer): void => {
    const coding = codings[index];
    if (coding === undefined) return done({ ok: true, body: input });
    const step = stepFor(coding, input);
    if (!step) return done({ ok: false, failure: { class: 'protocol', reason: 'undecodable', encoding: coding, code: 'UNSUPPORTED_ENCODING' } });
    if (cut) return decodeStart(coding, input, limitBytes, (out) => next(index + 1, out));
    step(input, { maxOutputLength: Math.max(1, limitBytes) }, (err, out) => {
      if (!err) return next(index + 1, out);
      const code = (err as NodeJS.ErrnoException).code ?? 'Z_DATA_ERROR';
      if (code === 'ERR_BUFFER_TOO_LARGE') return done({ ok: false, failure: { class: 'protocol', reason: 'decoded-too-large', encoding: coding, limitBytes } });
      done({ ok: false, failure: { class: 'protocol', reason: 'undecodable', encoding: coding, code } });
    });
  };
  next(0, body);
}

/** The first `limitBytes` decoded bytes, whatever follows (or is missing). */
function decodeStart(coding: string, input: Buffer, limitBytes: number, done: (out: Buffer) => void): void {
  const stream: Transform =
    coding === 'br'
      ? createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH })
      : coding === 'deflate'
        ? (hasZlibHeader(input) ? createInflate : createInflateRaw)({ finishFlush: constants.Z_SYNC_FLUSH })
        : createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    stream.destroy();
    done(Buffer.concat(chunks, size));
  };
  stream.on('data', (chunk: Buffer) => {
    const take = Math.min(chunk.length, limitBytes - size);
    chunks.push(chunk.subarray(0, take));
    size += take;
    if (size >= limitBytes) finish();
  });
  // A stream cut on the wire may end in an error: what was decoded before it is the body.
  stream.once('end', finish).once('error', finish);
  stream.end(input);
}

function stepFor(coding: string, input: Buffer): Step | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzip;
    case 'br':
      return brotliDecompress;
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110), but some servers send it raw; browsers take both.
      return hasZlibHeader(input) ? inflate : inflateRaw;
    default:
      return null;
  }
}

function hasZlibHeader(input: Buffer): boolean {
  if (input.length < 2) return true;
  const [cmf, flg] = [input[0]!, input[1]!];
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}
