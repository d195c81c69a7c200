// The depth limit of JSON bodies: counted on brackets outside strings, the limit itself allowed.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonBody } from '../../src/probes/json-body.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseJsonBody', () => {
  it('parses a body nested exactly to the limit, and refuses one level more', () => {
    expect(parseJsonBody(nested(MAX_JSON_DEPTH))).toHaveProperty('document');
    expect(parseJsonBody(nested(MAX_JSON_DEPTH + 1))).toEqual({ problem: 'too-deep' });
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ s: `\\"${'['.repeat(5000)}`, t: '{'.repeat(5000) });
    expect(parseJsonBody(text)).toEqual({ document: JSON.parse(text) as unknown });
  });

  it('says when a body is not JSON', () => {
    expect(parseJsonBody('<html>')).toEqual({ problem: 'not-json' });
  });
});
