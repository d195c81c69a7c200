// docs/probes-file.md shows dns and tcp probes a user will copy: each example must load as written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/probes/load.js';

const DOC = readFileSync(new URL('../../docs/probes-file.md', import.meta.url), 'utf8');

describe('docs/probes-file.md, dns and tcp probes', () => {
  it('every yaml example of the two sections loads, as the kind it documents', () => {
    const sections = DOC.slice(DOC.indexOf('## DNS probes (`kind: dns`)'));
    const examples = [...sections.matchAll(/```yaml\n(.*?)```/gs)].map((m) => m[1] ?? '');
    expect(examples).toHaveLength(2);
    const config = parseConfig(`version: 1\nprobes:\n${examples.join('')}`, 'docs/probes-file.md', {}, {});
    expect(config.probes.map((p) => p.kind)).toEqual(['dns', 'tcp']);
  });
});
