// timingConfidence in the reports: always in the JSON, a warning line in the tables when distorted.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/model/exit-codes.js';
import type { RunResult, TimingConfidence } from '../../src/model/result.js';
import { jsonReport } from '../../src/report/json.js';
import { quietReporter, tableReporter } from '../../src/report/table.js';
import { summarize } from '../../src/analysis/summary.js';

function result(timingConfidence: TimingConfidence): RunResult {
  return { vantage: null, startedAt: new Date(0), durationMs: 1, interrupted: false, exitCode: ExitCode.Ok, summary: summarize([]), probes: [], timingConfidence };
}

const calm = { eventLoopDelayMs: { p50: 0.1, p99: 0.4, max: 2 }, distorted: false };
const lagged = { eventLoopDelayMs: { p50: 3, p99: 48, max: 120 }, distorted: true };
const options = { color: false, columns: 120 };

describe('timingConfidence', () => {
  it('is in the JSON report as measured', () => {
    expect(jsonReport(result(lagged)).timingConfidence).toEqual(lagged);
  });

  it('adds a warning line with the lag to the tables only when the numbers may be distorted', () => {
    expect(tableReporter.render(result(calm), options)).not.toContain('warning');
    const text = tableReporter.render(result(lagged), options);
    expect(text).toMatch(/warning: upprobe's event loop lagged \(p99 48ms, max 120ms\)/);
    expect(quietReporter.render(result(lagged), options)).not.toContain('warning'); // --quiet: the verdict alone
  });
});
