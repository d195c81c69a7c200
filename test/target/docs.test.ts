// docs/target.md lists every scenario with the description --help prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, SCENARIO_DESCRIPTIONS } from '../../src/target/server.js';

const doc = readFileSync(new URL('../../docs/target.md', import.meta.url), 'utf8');

describe('docs/target.md', () => {
  it('has a row for every scenario, worded as --help words it', () => {
    for (const name of SCENARIOS) expect(doc, name).toContain(`| \`${name}\` | ${SCENARIO_DESCRIPTIONS[name]} |`);
  });
});
