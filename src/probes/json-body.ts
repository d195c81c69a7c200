// Reads a response body as JSON for `expect.json` and json captures, refusing one nested too
// deeply to walk: V8 parses any depth, but comparing, printing or stringifying 200,000 nested
// arrays overflows the stack, and that RangeError would end the whole run, not the sample.

/** Far deeper than any real API nests (Ruby's JSON stops at 100, serde_json at 128). */
export const MAX_JSON_DEPTH = 512;

/** The parsed document, or why there is none. */
export type JsonBody = { document: unknown } | { problem: 'not-json' | 'too-deep' };

export function parseJsonBody(text: string): JsonBody {
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) return { problem: 'too-deep' };
  try {
    return { document: JSON.parse(text) as unknown };
  } catch {
    return { problem: 'not-json' };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/** One pass over the text, brackets inside strings ignored; stops as soon as the limit is passed. */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (OPEN.has(c)) {
      if (++depth > limit) return true;
    } else if (CLOSE.has(c)) {
      depth--;
    }
  }
  return false;
}
