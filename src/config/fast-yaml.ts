// Large probes files (thousands of probes) are read with js-yaml, which builds plain data directly:
// `yaml` builds a whole document of nodes with positions first, ~7 KiB per probe of garbage and
// ~15× the time (a 16,000-probe file: 750 ms and 200 MB against 55 ms and 20 MB). Positions are
// only needed when something is wrong, and then source.ts parses again with `yaml`.
//
// js-yaml must read exactly what `yaml` reads (YAML 1.2 core schema, merge keys), so anything
// the two could read differently is left to `yaml`: directives, anchors and aliases, complex
// keys, null keys, tags js-yaml does not know, and every error. js-yaml is more lenient with a
// few broken files (a key over 1,024 characters): then the config is only taken if
// it is valid as js-yaml read it, and every problem reported is `yaml`'s (probes/load.ts). The
// property test in test/config/fast-yaml.test.ts checks both parsers agree wherever `yaml` reads
// a file cleanly.
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';

/** Below this size `yaml` alone reads the file: the time and memory saved would not show. */
export const FAST_YAML_MIN_BYTES = 64 * 1024;

/**
 * js-yaml and the schema, in a chunk of their own (~4 ms to load): loadConfig loads them
 * (`loadFastYaml`) only for a file of FAST_YAML_MIN_BYTES or more.
 */
let reader: { load: typeof JsYaml.load; schema: JsYaml.Schema } | undefined;

export async function loadFastYaml(): Promise<void> {
  reader ??= readerOf(await import('js-yaml'));
}

/** Parsing without loadConfig (tests, with node_modules at hand) loads it on the spot, as config/pattern.ts does. */
function jsYaml(): NonNullable<typeof reader> {
  reader ??= readerOf(createRequire(import.meta.url)('js-yaml') as typeof JsYaml);
  return reader;
}

/** js-yaml with the core schema as `yaml` reads it. */
function readerOf({ FAILSAFE_SCHEMA, load, Type }: typeof JsYaml): NonNullable<typeof reader> {
  // The core schema as `yaml` resolves plain scalars (js-yaml's own numbers also take `0b…` and
  // `-0x…`, and miss `-.5`): https://yaml.org/spec/1.2.2/#1032-tag-resolution, and `<<` merge keys.
  const nil = new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (text: string | null) => text === null || /^(?:~|[Nn]ull|NULL)?$/.test(text),
    construct: () => null,
    predicate: (value: object) => value === null,
  });
  const bool = new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
    construct: (text: string) => text.toLowerCase() === 'true',
    predicate: (value: object) => typeof value === 'boolean',
  });
  const merge = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (text: string | null) => text === '<<' || text === null });
  const int = new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
    construct: (text: string) => (text.startsWith('0o') ? parseInt(text.slice(2), 8) : text.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10)),
    predicate: (value: object) => Number.isInteger(value),
  });
  const float = new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(text),
    construct: (text: string) => {
      const special = text.replace(/^[-+]/, '').toLowerCase();
      if (special === '.nan') return NaN;
      if (special === '.inf') return text.startsWith('-') ? -Infinity : Infinity;
      return parseFloat(text);
    },
    predicate: (value: object) => typeof value === 'number',
  });
  return { load, schema: FAILSAFE_SCHEMA.extend({ implicit: [nil, bool, int, float, merge] }) };
}

/**
 * What `yaml` may read differently, found in the text (a false alarm costs only speed):
 * - a directive (`%YAML 1.1` changes the schema), a tag (`!`, `!!float 1`), an anchor (aliases
 *   and their expansion limit);
 * - an explicit `?` key or a collection that may be a key (js-yaml makes it a string: `[a]: b`,
 *   `{ {a: 1} }`; this also catches `[{…}, {…}]`);
 * - an empty list item (`-` alone, or before a comment) or `- -`: js-yaml moves the items after
 *   it into the list above, so a probe could vanish into another's `json`;
 * - a block scalar (`|`, `>`: indentation indicators and blank lines differ), a backslash at the
 *   end of a line (escaped line breaks), a tab, a quote closed straight into `#`;
 * - a flow collection left open at the end of a line (continued lines differ);
 * - line breaks other than LF and CRLF, a byte order mark past the start, a document marker with
 *   anything after it on its line (`---:` is text to `yaml`, `--- a: 1` an error).
 */
const LEFT_TO_YAML = new RegExp(
  [
    '^%',
    '(?:^|[\\s[{,])(?:&|!|\\?(?:\\s|$))',
    '[\\]}][ \\t]*:',
    '[{,]\\s*[{[]',
    '(?:^|\\s)-[ \\t]*(?:#.*)?$',
    '(?:^|\\s)-[ \\t]+-(?:[ \\t]|$)',
    '(?:^|[\\s:])[|>][-+0-9]*[ \\t]*(?:#.*)?$',
    '\\\\$',
    '\\t',
    '["\']#',
    '[[{][^\\]}\\n]*$',
    '\\r(?!\\n)',
    '[\\u0085\\u2028\\u2029]',
    '(?<!^)\\uFEFF',
    '^(?:---|\\.\\.\\.)[ \\t]*\\S',
  ].join('|'),
  'm',
);

/**
 * The data of `text` read by js-yaml, or null when `yaml` must read it (small, unusual or broken
 * text). `minBytes` is for tests, which check the two parsers agree on small documents.
 */
export function fastYaml(text: string, minBytes = FAST_YAML_MIN_BYTES): Record<string, unknown> | null {
  if (text.length < minBytes || LEFT_TO_YAML.test(text)) return null;
  let data: unknown;
  try {
    const { load, schema } = jsYaml();
    data = load(text, { schema });
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || hasNullKey(data)) return null;
  return data as Record<string, unknown>;
}

/** js-yaml names a null key "null"; `yaml` names it "". */
function hasNullKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasNullKey);
  for (const key in value) {
    if (key === 'null' || hasNullKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}
