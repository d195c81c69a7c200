// Bare-number durations under 50: warned about where they are written, nowhere else.
import { describe, expect, it } from 'vitest';
import { durationWarnings } from '../../src/config/duration-warnings.js';
import { readYamlSource } from '../../src/config/source.js';
import { lines } from './helpers.js';

function warningsOf(text: string): string[] {
  const source = readYamlSource(text, 'probes.yaml');
  if (!source.ok) throw new Error('expected YAML that parses');
  return durationWarnings(source.data, source.locate).map((w) => `${w.line}:${w.column} ${w.message.split(' (')[0]}`);
}

describe('bare-number duration warnings', () => {
  it('name every duration key under 50, at its value', () => {
    const text = lines(
      'version: 1',
      'defaults: { timeout: 5, retryDelay: 3 }',
      'probes:',
      '  - id: f',
      '    kind: flow',
      '    surface: web',
      '    thresholds: { p95: 10, p99: 49 }',
      '    steps:',
      '      - { id: s, timeout: 2, request: { url: /x }, expect: { maxLatency: 1 } }',
    );
    expect(warningsOf(text)).toEqual([
      '2:22 defaults.timeout: 5 is 5 ms',
      '2:37 defaults.retryDelay: 3 is 3 ms',
      '7:24 probes[0].thresholds.p95: 10 is 10 ms',
      '7:33 probes[0].thresholds.p99: 49 is 49 ms',
      '9:27 probes[0].steps[0].timeout: 2 is 2 ms',
      '9:74 probes[0].steps[0].expect.maxLatency: 1 is 1 ms',
    ]);
  });

  it('leave alone 50 and more, 0, durations with a unit, and keys that are the user\'s own names', () => {
    const text = lines(
      'version: 1',
      'x-shared: &slow { timeout: 5 }',
      'defaults: { timeout: 50, retryDelay: 0, headers: { timeout: 5 } }',
      'probes:',
      '  - id: a',
      '    surface: api',
      '    timeout: 5ms',
      '    request: { url: /x, form: { timeout: 5 }, json: { timeout: 5 } }',
      '    expect: { json: { "$.timeout": 5 } }',
    );
    expect(warningsOf(text)).toEqual([]);
  });
});
