// Reads YAML text into plain data plus a locator, turning syntax errors, duplicate keys, empty
// files and alias bombs into positioned problems instead of exceptions. Large ordinary files are
// read by js-yaml first (fast-yaml.ts), with positions found only if a problem needs them.
import { isAlias, isCollection, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { problemAtStart, type ConfigProblem } from './errors.js';
import { describeInput } from './fields.js';
import { fastYaml } from './fast-yaml.js';
import { createLocator, type Locate, type Position } from './positions.js';

/** Aliases one anchor may expand to: plenty for shared headers, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 1000;

/**
 * Plain data to validate and a way back to positions, or the problems that stop everything.
 * `readBy`: js-yaml reads a few broken files `yaml` rejects (a key over 1,024 characters), so
 * problems found in what js-yaml read are found again in what `yaml` reads (probes/load.ts).
 */
export type YamlSource = { ok: true; data: Record<string, unknown>; locate: Locate; readBy: 'js-yaml' | 'yaml' } | { ok: false; problems: ConfigProblem[] };

/** Parses a config file's text; `data` is the top-level mapping. `fast: false` leaves it to `yaml`. */
export function readYamlSource(text: string, file: string, fast = true): YamlSource {
  const quick = fast ? fastYaml(text) : null;
  if (quick) return { ok: true, data: quick, locate: locateWhenAsked(text), readBy: 'js-yaml' };
  const { doc, lineCounter } = parse(text);
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    // yaml may give several errors for one mistake at one place; the first says it best.
    const firstAtEach = doc.errors.filter((error, i) => doc.errors.findIndex((e) => e.pos[0] === error.pos[0]) === i);
    const problems = firstAtEach.map((error) => {
      const message =
        error.code === 'DUPLICATE_KEY'
          ? `duplicate key ${JSON.stringify(keyAt(doc, error.pos[0]))}: a key may appear only once in a mapping`
          : `YAML syntax error: ${error.message.split('\n')[0] ?? ''}`;
      return { file, ...positionOf(error.pos[0]), message };
    });
    return { ok: false, problems };
  }

  const locate = locateWhenAsked(text);
  if (doc.contents === null) {
    return { ok: false, problems: [problemAtStart(file, 'the file is empty: expected a mapping with "version: 1" and "probes"')] };
  }

  const nonTextKey = firstNonTextKey(doc);
  if (nonTextKey !== undefined) {
    const message = 'a key must be plain text, not a mapping or a list (is a ":" or an indentation out of place?)';
    return { ok: false, problems: [{ file, ...positionOf(nonTextKey), message }] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = reason.includes('Excessive alias count')
      ? `too many aliases: expanding them goes past the limit of ${MAX_ALIAS_COUNT} (a "billion laughs" file?)`
      : `YAML error: ${reason}`;
    return { ok: false, problems: [{ file, ...firstAlias(doc, positionOf), message }] };
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const message = `expected a mapping with "version: 1" and "probes" at the top level, got ${describeInput(data)}`;
    return { ok: false, problems: [{ file, ...locate([]), message }] };
  }
  return { ok: true, data: data as Record<string, unknown>, locate, readBy: 'yaml' };
}

function parse(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true }), lineCounter };
}

/** A locator that parses the text with positions only when a problem or warning needs one. */
function locateWhenAsked(text: string): Locate {
  let locate: Locate | null = null;
  return (path, part) => {
    if (!locate) {
      const { doc, lineCounter } = parse(text);
      locate = createLocator(doc, lineCounter);
    }
    return locate(path, part);
  };
}

/**
 * Where the first key that is not text starts: a mapping, a list or `!!binary` (YAML allows them;
 * a probes file never means them, and turning them into object keys would print a warning).
 */
function firstNonTextKey(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      const notText = isCollection(key) || (isScalar(key) && typeof key.value === 'object' && key.value !== null);
      if (!notText || !isNode(pair.key)) return undefined;
      offset = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstAlias(doc: Document, positionOf: (offset: number) => Position): Position {
  let position: Position = { line: 1, column: 1 };
  visit(doc, {
    Alias(_, node) {
      if (node.range) position = positionOf(node.range[0]);
      return visit.BREAK;
    },
  });
  return position;
}

/** The text of the mapping key that starts at `offset` (yaml's duplicate-key error gives only the offset). */
function keyAt(doc: Document, offset: number): string {
  let name = '';
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      name = String(pair.key.value);
      return visit.BREAK;
    },
  });
  return name;
}
