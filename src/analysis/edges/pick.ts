// The few response headers edge recognition reads, copied out of a response: only for the
// answers the evidence keeps (failures, and the first passing one), never on every sample.
import type { EdgeHeaders } from '../../model/evidence.js';
import { EDGE_HEADER_NAMES } from './providers.js';

/** Longest header value kept: servers choose these strings. */
const MAX_VALUE = 120;

/**
 * EDGE_HEADER_NAMES of `headers` (Node's shape: lower-case names), printable and bounded.
 * `redact` masks secrets first: cut or with characters replaced, a secret could no longer be
 * recognised (and masked) later.
 */
export function pickEdgeHeaders(headers: Readonly<Record<string, string | string[] | undefined>>, redact: (text: string) => string = (t) => t): EdgeHeaders {
  const picked: Record<string, string> = {};
  for (const name of EDGE_HEADER_NAMES) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = redact(Array.isArray(value) ? value.join(', ') : value);
    picked[name] = text.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_VALUE);
  }
  return picked;
}
