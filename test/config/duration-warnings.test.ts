// Issue 16 item 9: `timeout: 5` silently meant 5 ms. It stays valid (SPEC: bare numbers are
// milliseconds), and validate now says what it means.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/errors.js';
import { parseConfig } from '../../src/probes/load.js';

const YAML = `version: 1
defaults: { timeout: 5, retryDelay: 0 }
probes:
  - id: a
    kind: http
    surface: api
    timeout: 2s
    request: { url: "http://127.0.0.1:1/" }
    expect: { maxLatency: 300 }
    thresholds: { p95: 20 }
`;

describe('bare-number durations under 50', () => {
  it('are warned about with their place; 0, units and larger numbers are not', () => {
    const config = parseConfig(YAML, 'probes.yaml', {}, {});
    expect((config.warnings ?? []).map(formatProblem)).toEqual([
      'probes.yaml:2:22: defaults.timeout: 5 means 5 milliseconds; write "5s" for seconds',
      'probes.yaml:10:24: probes[0].thresholds.p95: 20 means 20 milliseconds; write "20s" for seconds',
    ]);
  });
});
