// docs/dns-and-tcp.md shows probes a user will copy: each example must load as written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/probes/load.js';

const DOC = readFileSync(new URL('../../docs/dns-and-tcp.md', import.meta.url), 'utf8');

describe('docs/dns-and-tcp.md', () => {
  it('every yaml example loads, as the kind it documents', () => {
    const examples = [...DOC.matchAll(/```yaml\n(.*?)```/gs)].map((m) => m[1] ?? '');
    expect(examples).toHaveLength(2);
    const config = parseConfig(`version: 1\nprobes:\n${examples.join('')}`, 'docs/dns-and-tcp.md', {}, {});
    expect(config.probes.map((p) => p.kind)).toEqual(['dns', 'tcp']);
  });
});
