// docs/diagnosis.md holds the layer rules and the vocabulary as tables: they must say what the code does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONSISTENT_WITH, LAYER_PHRASES, LAYER_RULES } from '../../src/analysis/diagnosis/index.js';

const doc = readFileSync(new URL('../../docs/diagnosis.md', import.meta.url), 'utf8');
const ruleRows = doc.split('\n').filter((line) => /^\| `[a-z0-9-]+` \| .+ \| `[a-z]+` \| .+ \|$/.test(line));

describe('docs/diagnosis.md', () => {
  it('has every layer rule as a row: finding, when, layer, consistent with', () => {
    for (const [kind, rule] of Object.entries(LAYER_RULES)) {
      expect(doc, kind).toContain(`| \`${kind}\` | ${rule.when} | \`${rule.layer}\` | ${CONSISTENT_WITH[rule.consistentWith]} |`);
    }
    expect(ruleRows.length).toBe(Object.keys(LAYER_RULES).length);
  });

  it('has the whole vocabulary, and nothing else in its table', () => {
    for (const [key, text] of Object.entries(CONSISTENT_WITH)) expect(doc, key).toContain(`| \`${key}\` | ${text} |`);
  });

  it('has the headline phrase of every layer', () => {
    for (const [layer, phrase] of Object.entries(LAYER_PHRASES)) expect(doc, layer).toContain(`| ${layer} | ${phrase} |`);
  });
});
