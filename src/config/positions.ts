// Maps a path in the parsed data (["probes", 0, "request", "url"]) back to a line and column of
// the YAML source, so every problem points at the node it is about.
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

/** Keys and indexes from the top of the document down, as zod reports them. */
export type DataPath = readonly PropertyKey[];

/** 1-based, as editors count. */
export interface Position {
  line: number;
  column: number;
}

/** Finds where a path is in the source: `part: 'key'` points at a mapping key instead of its value. */
export type Locate = (path: DataPath, part?: 'key' | 'value') => Position;

const START: Position = { line: 1, column: 1 };

/** A locator over one parsed document. A path that leaves the document points at the deepest node it reached. */
export function createLocator(doc: Document, lineCounter: LineCounter): Locate {
  const at = (node: Node | null | undefined): Position | null => {
    if (!node?.range) return null;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
  const resolve = (node: Node | null): Node | null => (isAlias(node) ? (node.resolve(doc) ?? null) : node);

  return (path, part = 'value') => {
    let node: Node | null = doc.contents;
    let key: Node | null = null;
    for (const segment of path) {
      const parent = resolve(node);
      let child: unknown;
      if (isMap(parent)) {
        const pair = findPair(parent, String(segment), resolve);
        if (!pair) return at(parent) ?? START;
        key = isNode(pair.key) ? pair.key : null;
        child = pair.value;
      } else if (isSeq(parent) && typeof segment === 'number') {
        if (segment >= parent.items.length) return at(parent) ?? START;
        key = null;
        child = parent.items[segment];
      } else {
        break; // a scalar where a collection was expected: the scalar is what is wrong
      }
      node = isNode(child) ? child : null;
    }
    if (part === 'key' && key) return at(key) ?? START;
    // An empty value (`surface:`) has no text of its own: point at its key.
    const empty = isScalar(node) && node.range != null && node.range[0] === node.range[1];
    return (empty ? at(key) : at(node)) ?? at(key) ?? START;
  };
}

/** A key's pair in a mapping, looking through `<<: *anchor` merge keys as YAML 1.1 merges do. */
function findPair(map: YAMLMap, name: string, resolve: (node: Node | null) => Node | null): Pair | undefined {
  const own = map.items.find((item) => isScalar(item.key) && String(item.key.value) === name);
  if (own) return own;
  for (const item of map.items) {
    // With merge keys on, yaml reads `<<` as Symbol(<<).
    const merge = isScalar(item.key) && typeof item.key.value === 'symbol' && item.key.value.description === '<<';
    if (!merge) continue;
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const source of sources) {
      const target = resolve(isNode(source) ? source : null);
      const found = isMap(target) ? findPair(target, name, resolve) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** A data path as people read it: `probes[0].request.url`, `expect.json["$.items"]`. */
export function formatDataPath(path: DataPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      if (!/^[A-Za-z_][\w-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}
