// The terminal report fits the terminal: every line but the verdict, the warning included, at 80
// and 200 columns, on a calm and on a lagged machine. The verdict stays one line whatever the width.
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, TimingConfidence } from '../../src/model/result.js';
import { tableReporter } from '../../src/report/table.js';
import { verdictLine } from '../../src/report/verdict.js';
import { CALM, LAGGED, outageRun } from '../fixtures/outage-run.js';

const WARNING = "warning: upprobe's event loop lagged (p99 148ms, max 1.23s): latencies may be inflated by up to that much; lower --concurrency or run on a less busy machine";

let withTiming: (timing: TimingConfidence) => RunResult;
beforeAll(async () => {
  withTiming = await outageRun();
});

function lines(text: string): string[] {
  return stripVTControlCharacters(text).trimEnd().split('\n');
}

describe.each([80, 200])('the terminal report at %i columns', (columns) => {
  it.each([
    ['calm', CALM],
    ['lagged', LAGGED],
  ] as const)('%s: no line but the verdict is wider than the terminal, in colour or not', (_name, timing) => {
    for (const color of [false, true]) {
      const shown = lines(tableReporter.render(withTiming(timing), { color, columns }));
      expect(shown.at(-1)).toBe(verdictLine(withTiming(timing)));
      for (const line of shown.slice(0, -1)) expect(line.length, line).toBeLessThanOrEqual(columns);
    }
  });

  it('lagged: the whole warning is there, wrapped at spaces, before the verdict', () => {
    const result = withTiming(LAGGED);
    const shown = lines(tableReporter.render(result, { color: false, columns }));
    const first = shown.findIndex((line) => line.startsWith('warning:'));
    const verdictAt = shown.indexOf(verdictLine(result));
    expect(first).toBeGreaterThan(0);
    expect(verdictAt).toBeGreaterThan(first);
    const warning = shown.slice(first, verdictAt).filter((line) => line !== '');
    expect(warning.map((line) => line.trim()).join(' ')).toBe(WARNING);
    // One line where it fits; else continuation lines indented under it.
    expect(warning.length).toBe(WARNING.length <= columns ? 1 : Math.ceil(WARNING.length / (columns - 2)));
    for (const continued of warning.slice(1)) expect(continued).toMatch(/^ {2}\S/);
  });

  it('calm: no warning, and the verdict comes last', () => {
    const result = withTiming(CALM);
    const shown = lines(tableReporter.render(result, { color: false, columns }));
    expect(shown.join('\n')).not.toContain('warning');
    expect(shown.at(-1)).toBe(verdictLine(result));
    expect(verdictLine(result)).toMatch(/^FAIL 2\/4 probes failing · api \d+% of samples failing · web \d+(\.\d)?% · api down .+ · web up · exit 1$/);
  });
});

it('a verdict wider than the terminal stays one line: it is what scripts grep', () => {
  const result = withTiming(CALM);
  const shown = lines(tableReporter.render(result, { color: false, columns: 40 }));
  const verdict = verdictLine(result);
  expect(verdict.length).toBeGreaterThan(40);
  expect(shown.at(-1)).toBe(verdict);
  expect(shown.filter((line) => line.startsWith('FAIL'))).toEqual([verdict]);
});
