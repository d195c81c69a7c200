// How a secret is found in text whatever encoder gave it back. Each character an encoder may
// rewrite matches every common way of writing it: HTML entities (named, decimal, hex, with
// leading zeros), JSON and backslash escapes (`\u00e9` or `\u00E9`, `\/`, `\"`), percent-encoding
// in either case (`%2f`, `%2F`, and strict RFC 3986's `%27` `%2A`), `+` for a space. Letters and
// digits match themselves only, so even an echo that mixes encoders is masked, and nothing else.

/** Named HTML entities the common encoders use (Go, Python, PHP, lodash, React, XML). */
const NAMED_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** JSON's short escapes of control characters. */
const JSON_SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

const PLAIN = /^[A-Za-z0-9]$/;

/** A regular expression source matching `form` as written, or in any of the encodings above, character by character. */
export function secretPattern(form: string): string {
  let pattern = '';
  for (const char of form) pattern += PLAIN.test(char) ? char : `(?:${spellings(char).join('|')})`;
  return pattern;
}

/** Every way a character is commonly written back, as regex sources. */
function spellings(char: string): string[] {
  const codePoint = char.codePointAt(0) ?? 0;
  const ways = [escapeRegExp(char)];
  if (codePoint < 0x80) ways.push(escapeRegExp(`\\${char}`)); // `\/`, `\"`, Markdown's `\*`, a label's `\\`
  const short = JSON_SHORT[char];
  if (short) ways.push(escapeRegExp(short));
  // \uXXXX per UTF-16 unit (an astral character is a surrogate pair), either case.
  ways.push([...char].flatMap((c) => [...Array(c.length).keys()].map((i) => c.charCodeAt(i))).map((unit) => `\\\\u${hex(unit, 4)}`).join(''));
  ways.push([...Buffer.from(char, 'utf8')].map((byte) => `%${hex(byte, 2)}`).join(''));
  ways.push(`&#0*${codePoint};`, `&#[xX]0*${hex(codePoint, 1)};`);
  const named = NAMED_ENTITIES[char];
  if (named) ways.push(escapeRegExp(named));
  if (char === ' ') ways.push('\\+'); // a form body or query
  return ways;
}

/** A number in hex, at least `width` digits, each letter digit matching either case. */
function hex(n: number, width: number): string {
  return n
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
