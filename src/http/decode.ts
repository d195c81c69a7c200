// Content-Encoding decoding (gzip, deflate, br) with node:zlib, bounded: the decoded body may not
// grow past the same maxBodySize that bounds the wire bytes, so a decompression bomb stops there.
import { brotliDecompress, constants, gunzip, inflate, inflateRaw, type ZlibOptions, type BrotliOptions } from 'node:zlib';
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
 * Undoes each coding, last applied first. `truncated`: the body was cut at the size limit on
 * purpose (a links probe), so a stream that ends early is decoded as far as it goes.
 */
export function decodeBody(body: Buffer, contentEncoding: string | string[], limitBytes: number, truncated: boolean, done: (result: Decoded) => void): void {
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
    const options = {
      maxOutputLength: Math.max(1, limitBytes),
      ...(truncated ? { finishFlush: coding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH } : {}),
    };
    step(input, options, (err, out) => {
      if (!err) return next(index + 1, out);
      const code = (err as NodeJS.ErrnoException).code ?? 'Z_DATA_ERROR';
      if (code === 'ERR_BUFFER_TOO_LARGE') return done({ ok: false, failure: { class: 'protocol', reason: 'decoded-too-large', encoding: coding, limitBytes } });
      done({ ok: false, failure: { class: 'protocol', reason: 'undecodable', encoding: coding, code } });
    });
  };
  next(0, body);
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
