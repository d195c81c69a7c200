// Writes a drafted probes file as YAML a person would write: the schema line first, comments
// above what they explain, short mappings and lists on one line as in SPEC's examples.
import { Document, isMap, isScalar, isSeq, visit, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { DraftFile } from './draft.js';

/** A mapping or list this long or shorter (as JSON) is written on one line. */
const FLOW_WIDTH = 64;

/** The file's text; `schemaLine` is `# yaml-language-server: …` (SPEC: the first line). */
export function renderDraft(draft: DraftFile, schemaLine: string): string {
  const hasDefaults = Object.keys(draft.defaults).length > 0;
  const doc = new Document({
    version: 1,
    ...(hasDefaults && { defaults: draft.defaults }),
    probes: draft.probes.map((p) => p.probe),
  });
  doc.commentBefore = [schemaLine.replace(/^#/, ''), ...draft.header.map(asComment)].join('\n');

  const root = doc.contents as YAMLMap<Scalar, Node>;
  const block = new Set<Node>([root]);
  for (const pair of root.items) {
    if (isMap(pair.value)) block.add(pair.value);
    if (pair.key.value === 'defaults' && draft.defaultsComment.length > 0) pair.key.commentBefore = draft.defaultsComment.map(asComment).join('\n');
    if (pair.key.value === 'probes' && isSeq(pair.value)) {
      pair.value.items.forEach((item, i) => {
        const probe = item as Node;
        block.add(probe);
        probe.spaceBefore = i > 0;
        const comment = draft.probes[i]?.comment ?? [];
        if (comment.length > 0) probe.commentBefore = comment.map(asComment).join('\n');
      });
    }
  }
  inlineShortCollections(doc, block);
  return doc.toString({ lineWidth: 0 });
}

/** "text" → " text", so yaml writes "# text". */
function asComment(line: string): string {
  return line === '' ? '' : ` ${line}`;
}

/** Innermost first, so a mapping whose children went on one line can follow them there. */
function inlineShortCollections(doc: Document, block: Set<Node>): void {
  const collections: Node[] = [];
  visit(doc, {
    Map: (_, node) => void collections.push(node),
    Seq: (_, node) => void collections.push(node),
  });
  for (const node of collections.reverse()) {
    if (block.has(node) || !(isMap(node) || isSeq(node))) continue;
    const children = node.items.map((item) => (isMap(node) ? (item as Pair).value : item));
    const childrenInline = children.every((child) => isScalar(child) || ((isMap(child) || isSeq(child)) && child.flow === true));
    if (childrenInline && JSON.stringify(node.toJSON()).length <= FLOW_WIDTH) node.flow = true;
  }
}
