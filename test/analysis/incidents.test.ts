// Incidents from a run history, and the charts' bucketing of long histories.
import { describe, expect, it } from 'vitest';
import { IncidentTracker } from '../../src/analysis/incidents.js';
import { HistorySeries, MAX_POINTS } from '../../src/report/html/history-series.js';
import type { RecordedRun } from '../../src/report/html/recorded-run.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 10, minute)).toISOString();

describe('IncidentTracker', () => {
  it('opens on the first run not up, closes on the next run up, and skips unprobed runs', () => {
    const t = new IncidentTracker('api');
    t.add(at(0), { state: 'up', failureRate: 0, cause: null });
    t.add(at(1), { state: 'degraded', failureRate: 0.2, cause: 'slow' });
    t.add(at(2), { state: 'unprobed', failureRate: 0, cause: null });
    t.add(at(3), { state: 'down', failureRate: 0.8, cause: 'origin' });
    t.add(at(4), { state: 'down', failureRate: 0.6, cause: 'origin' });
    t.add(at(5), { state: 'up', failureRate: 0, cause: null });
    t.add(at(6), { state: 'degraded', failureRate: 0.1, cause: 'content' });
    expect(t.incidents()).toEqual([
      { surface: 'api', start: at(1), end: at(5), durationMs: 4 * 60_000, runs: 3, worst: 'down', peakFailureRate: 0.8, cause: 'origin' },
      { surface: 'api', start: at(6), end: null, durationMs: null, runs: 1, worst: 'degraded', peakFailureRate: 0.1, cause: 'content' },
    ]);
  });
});

function run(i: number, apiRate: number): RecordedRun {
  const surface = (rate: number) => ({ probes: 1, failedProbes: rate > 0 ? 1 : 0, failureRate: rate });
  return {
    schemaVersion: 1, vantage: null, startedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), exitCode: apiRate > 0 ? 1 : 0,
    summary: { probes: 2, failed: apiRate > 0 ? 1 : 0, surfaces: { api: surface(apiRate), web: surface(0) } },
    probes: [{ id: 'api', surface: 'api', passed: apiRate === 0, latencyMs: { p50: i % 10, p95: 100 + (i % 7) } }],
  };
}

describe('HistorySeries', () => {
  it('keeps every run when few, and buckets a long history so one failing minute still shows', () => {
    const short = new HistorySeries();
    for (let i = 0; i < 5; i++) short.add(run(i, i === 2 ? 0.4 : 0));
    expect(short.charts()).toMatchObject({ bucket: 1, failurePercent: { api: [0, 0, 40, 0, 0] } });

    const long = new HistorySeries();
    const n = MAX_POINTS * 3 + 1;
    for (let i = 0; i < n; i++) long.add(run(i, i === 4000 ? 1 : 0));
    const charts = long.charts();
    expect(charts.bucket).toBe(4);
    expect(charts.times).toHaveLength(Math.ceil(n / 4));
    expect(charts.failurePercent.api.filter((v) => v === 100)).toHaveLength(1);
    expect(charts.probes[0]!.p95).toHaveLength(charts.times.length);
    expect(Math.max(...charts.probes[0]!.p95.map((v) => v ?? 0))).toBe(106);
    expect(long.incidents()).toEqual([expect.objectContaining({ surface: 'api', runs: 1, worst: 'down', cause: null })]);
  });
});
