// HdrHistogram's compressed base64 form (V2, deflated): the format every HdrHistogram port reads,
// so latency histograms from reports written in several places add up exactly (`upprobe merge`).
// A module of its own: a run loads it (and its deflate code) only when a report carries histograms.
// The encoding module alone: importing it gives JsHistogram its encodeIntoCompressedBase64 method.
import * as encoding from 'hdr-histogram-js/dist/JsHistogram.encoding.js';
import type { HdrHistogram } from './hdr.js';

interface Encodable {
  encodeIntoCompressedBase64(): string;
}

/** The histogram as HdrHistogram's compressed base64 text. */
export function encodeHistogram(histogram: HdrHistogram): string {
  return (histogram as unknown as Encodable).encodeIntoCompressedBase64();
}

/** A histogram back from its compressed base64 text; throws on text that is not one. */
export function decodeHistogram(text: string): HdrHistogram {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 8) throw new Error('not an HdrHistogram (too short)');
  return encoding.doDecode(encoding.decompress(bytes), 32) as unknown as HdrHistogram;
}
