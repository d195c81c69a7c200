// Large files are read by js-yaml (src/config/fast-yaml.ts): it must read exactly what `yaml`
// reads, or leave the file to `yaml`. Checked on generated documents (valid, edited, noise) and
// on the places the two parsers are known to differ; then a large file end to end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastYaml, FAST_YAML_MIN_BYTES } from '../../src/config/fast-yaml.js';
import { readYamlSource } from '../../src/config/source.js';
import { ConfigError, parseConfig } from '../../src/probes/load.js';
import { configText, mutatedText, noiseText } from '../hostile/config-arbitraries.js';

const NOWHERE = 'http://127.0.0.1:9';

/**
 * Wherever `yaml` reads a text cleanly, js-yaml either stays out or reads the same data (small
 * texts go to `yaml` alone in readYamlSource). Where `yaml` finds the text broken, js-yaml may
 * still read it ('lenient'): load.ts then takes only a valid config, and reports `yaml`'s problems.
 */
function agrees(text: string): 'fast' | 'left to yaml' | 'lenient' {
  const fast = fastYaml(text, 0);
  if (fast === null) return 'left to yaml';
  const slow = readYamlSource(text, 'f.yaml');
  if (!slow.ok) return 'lenient';
  expect(fast, text).toEqual(slow.data);
  return 'fast';
}

describe('js-yaml reads what yaml reads', () => {
  it('generated documents, valid and edited, and noise', () => {
    const seen = { fast: 0, 'left to yaml': 0, lenient: 0 };
    const count = (text: string) => void seen[agrees(text)]++;
    fc.assert(fc.property(configText(NOWHERE), count), { numRuns: 300 });
    fc.assert(fc.property(mutatedText(NOWHERE), count), { numRuns: 300 });
    fc.assert(fc.property(noiseText, count), { numRuns: 200 });
    // Both branches taken, or the property says less than it claims.
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen['left to yaml']).toBeGreaterThan(10);
  });

  it.each([
    ['signed and leading-dot floats', 'a: -.5\nb: +.5e1\nc: .NaN\nd: -.inf\ne: 1.5e+3'],
    ['numbers only YAML 1.1 or js-yaml read as numbers', 'a: 0b11\nb: -0x1F\nc: 1_000\nd: 0o8\ne: 017'],
    ['booleans and nulls of the core schema only', 'a: yes\nb: True\nc: NULL\nd: ~\ne:\nf: off'],
    ['an inline merge key', '<<: {a: 1, b: 2}\nb: 3'],
    ['quoted keys and values', '"1": a\n\'x\': "y\\tz"\nnull: 1'],
  ])('%s', (_name, text) => {
    agrees(text);
  });

  it.each([
    ['a directive', '%YAML 1.1\n---\na: yes'],
    ['an anchor', 'a: &x {b: 1}\nc: *x'],
    ['an explicit complex key', '? [a]\n: b'],
    ['a flow collection as a key', '[a]: b'],
    ['a null key', '~: a'],
    ['a tag js-yaml does not know', 'a: !!binary aGk='],
    ['a duplicate key', 'a: 1\na: 2'],
    ['two documents', '--- a\n--- b'],
    ['a document marker run into text', '---::'],
    ['content after a document marker', '--- a: 1'],
    ['an empty list item, which js-yaml would fill with the items after it', 'k:\n  - e:\n    -\n  - y\n'],
    ['an empty list item before a comment', 'k:\n  - e:\n    - # nothing\n  - y\n'],
    ['a list in a list on one line', 'k:\n  - - a\n  - b\n'],
    ['a block scalar with an indentation indicator', 'k: |2\n    x\n    \n'],
    ['a folded block scalar', 'k: >1\n   \n'],
    ['an escaped line break in double quotes', 'k: "a\\\n\n  b"\n'],
    ['a float tag on an integer', 'k: !!float 1'],
    ['a non-specific tag', 'k: !\n  true\n'],
    ['a comment run into a quoted value', 'url: "http://h/"#frag'],
    ['a tab', 'k: "a\tb"'],
    ['a flow list continued on the next line', 'k: [1,\n2]\n'],
    ['a list at the top', '- a'],
    ['an empty file', ''],
  ])('leaves %s to yaml', (_name, text) => {
    expect(fastYaml(text, 0)).toBeNull();
  });
});

describe('a large file', () => {
  const probes = (count: number, broken?: number) =>
    `version: 1\ndefaults: { baseUrl: "${NOWHERE}" }\nprobes:\n` +
    Array.from({ length: count }, (_, i) => `  - { id: p${i}, kind: http, surface: ${i === broken ? 'desktop' : 'api'}, request: { url: /ok } }`).join('\n') +
    '\n';

  it('is read by js-yaml and loads like a small one', () => {
    const text = probes(1500);
    expect(text.length).toBeGreaterThan(FAST_YAML_MIN_BYTES);
    expect(fastYaml(text)).not.toBeNull();
    const config = parseConfig(text, 'big.yaml', {}, {});
    expect(config.probes).toHaveLength(1500);
    expect(config.probes[1499]).toMatchObject({ id: 'p1499', surface: 'api' });
  });

  it('keeps a probe after an empty list item a probe, not an item of the list above', () => {
    const text = `${probes(1500)}  - { id: post, kind: http, surface: api, request: { url: /items, json: [1] } }\n  - id: posted\n    kind: http\n    surface: api\n    request:\n      url: /items\n      json:\n        - 1\n        -\n  - { id: login-page, kind: http, surface: web, request: { url: /login } }\n`;
    const config = parseConfig(text, 'big.yaml', {}, {});
    expect(config.probes).toHaveLength(1503);
    expect(config.probes.at(-1)).toMatchObject({ id: 'login-page', surface: 'web' });
  });

  it("reports yaml's problems in a broken file js-yaml would read (a key over 1,024 characters)", () => {
    const text = `${probes(1500)}  - id: long\n    ${'k'.repeat(1100)}: 1\n`;
    expect(fastYaml(text)).not.toBeNull();
    expect(() => parseConfig(text, 'big.yaml', {}, {})).toThrow(/YAML syntax error: The : indicator must be at most 1024 chars/);
  });

  it('still places a problem at its line and column (positions are read when needed)', () => {
    const text = probes(1500, 1200);
    expect(fastYaml(text)).not.toBeNull();
    let problems: ConfigError['problems'] = [];
    try {
      parseConfig(text, 'big.yaml', {}, {});
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    // Line 4 holds probe 0; the value `desktop` starts after "  - { id: p1200, kind: http, surface: ".
    expect(problems).toEqual([expect.objectContaining({ file: 'big.yaml', line: 1204, column: 39 })]);
  });
});
