// A tiny JSONPath subset for `expect.json`: `$`, `.name`, `['quoted']`, `[0]` (and `[-1]` from the
// end). Checked at load time so a typo is a config error, evaluated without eval at run time.

/** One step into a JSON value: an object key or an array index (negative counts from the end). */
export type JsonPathSegment = { key: string } | { index: number };

/** What a path found: `found: false` when any step is missing, so `exists: false` can pass. */
export interface JsonPathResult {
  found: boolean;
  value?: unknown;
}

const NAME = /^\.([\p{L}\p{N}_$-]+)/u;
const INDEX = /^\[\s*(-?\d+)\s*\]/;
const QUOTED = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/;
const SUPPORTED = "supported: $, .name, ['name'], [0]";

/** The path's segments, or an error message saying where the syntax went wrong. */
export function parseJsonPath(path: string): JsonPathSegment[] | { error: string } {
  if (!path.startsWith('$')) return { error: `JSON path ${JSON.stringify(path)} must start with $ (${SUPPORTED})` };
  const segments: JsonPathSegment[] = [];
  let rest = path.slice(1);
  while (rest !== '') {
    const name = NAME.exec(rest);
    const index = name ? null : INDEX.exec(rest);
    const quoted = name || index ? null : QUOTED.exec(rest);
    const match = name ?? index ?? quoted;
    if (!match) {
      const at = path.length - rest.length;
      return { error: `JSON path ${JSON.stringify(path)}: unexpected ${JSON.stringify(rest)} at character ${at + 1} (${SUPPORTED})` };
    }
    if (name?.[1] !== undefined) segments.push({ key: name[1] });
    else if (index?.[1] !== undefined) segments.push({ index: Number(index[1]) });
    else segments.push({ key: (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1') });
    rest = rest.slice(match[0].length);
  }
  return segments;
}

const cache = new Map<string, JsonPathSegment[] | null>();

/** Follows a path into a parsed JSON document; an invalid path finds nothing. */
export function evaluateJsonPath(value: unknown, path: string): JsonPathResult {
  let segments = cache.get(path);
  if (segments === undefined) {
    const parsed = parseJsonPath(path);
    segments = Array.isArray(parsed) ? parsed : null;
    cache.set(path, segments);
  }
  if (segments === null) return { found: false };
  let current: unknown = value;
  for (const segment of segments) {
    const next = step(current, segment);
    if (!next.found) return { found: false };
    current = next.value;
  }
  return { found: true, value: current };
}

function step(current: unknown, segment: JsonPathSegment): JsonPathResult {
  if ('index' in segment) {
    if (!Array.isArray(current)) return { found: false };
    const i = segment.index < 0 ? current.length + segment.index : segment.index;
    return i >= 0 && i < current.length ? { found: true, value: current[i] as unknown } : { found: false };
  }
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return { found: false };
  // Own keys only: "$.constructor" must not find Object's prototype.
  if (!Object.hasOwn(current, segment.key)) return { found: false };
  return { found: true, value: (current as Record<string, unknown>)[segment.key] };
}
