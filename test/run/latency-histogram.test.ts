import { describe, expect, it } from 'vitest';
import { newHistogram, percentileMs } from '../../src/analysis/hdr.js';
import { EXACT_VALUES, LatencyHistogram } from '../../src/run/latency-histogram.js';
import { ProbeStats, MAX_ERROR_GROUPS } from '../../src/run/probe-stats.js';
import { emptyPhases } from '../../src/model/timings.js';

describe('LatencyHistogram', () => {
  it('gives percentiles of known samples within HDR precision (0.1%)', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    const s = h.summary();
    expect(s).not.toBeNull();
    expect(s!.min).toBe(1);
    expect(s!.max).toBe(1000);
    expect(s!.mean).toBe(500.5);
    expect(s!.p50).toBeCloseTo(500, -0.3);
    expect(Math.abs(s!.p95 - 950)).toBeLessThanOrEqual(1);
    expect(Math.abs(s!.p99 - 990)).toBeLessThanOrEqual(1);
  });

  it('never reports a percentile outside the measured range', () => {
    const h = new LatencyHistogram();
    for (const ms of [10, 20, 100]) h.record(ms);
    expect(h.percentile(99)).toBeLessThanOrEqual(100);
    expect(h.percentile(1)).toBeGreaterThanOrEqual(10);
  });

  it('keeps sub-millisecond values to one decimal', () => {
    const h = new LatencyHistogram();
    h.record(0.25);
    expect(h.summary()!.p50).toBeCloseTo(0.3, 5);
  });

  it('has no summary before a sample', () => {
    expect(new LatencyHistogram().summary()).toBeNull();
  });

  // Issue 15, item 16: the first values are kept exactly (no histogram allocated for a one-sample
  // probe); the percentiles are the ones HDR gives for the same values, before and after.
  it('gives exactly the percentiles HDR gives, before and after the histogram is made', () => {
    for (const count of [1, 2, 7, EXACT_VALUES, EXACT_VALUES + 1, 3 * EXACT_VALUES]) {
      const values = Array.from({ length: count }, (_, i) => 0.4 + ((i * 37) % 101) * 3.3 + (i % 5) * 200);
      const ours = new LatencyHistogram();
      const hdr = newHistogram();
      for (const ms of values) {
        ours.record(ms);
        hdr.recordValue(Math.max(1, Math.round(ms * 1000)));
      }
      const [min, max] = [Math.min(...values), Math.max(...values)];
      for (const p of [0, 1, 50, 90, 95, 99, 99.9, 100]) expect(ours.percentile(p), `${count} values, p${p}`).toBe(percentileMs(hdr, p, min, max));
      expect(ours.total).toEqual({ count, sumMs: expect.closeTo(values.reduce((a, b) => a + b, 0), 6) as number });
    }
  });
});

describe('ProbeStats', () => {
  it('counts failures by class and groups identical errors, in bounded memory', () => {
    const stats = new ProbeStats();
    const fail = (status: number) => ({
      latencyMs: 5,
      phases: emptyPhases(),
      failure: { failure: { class: 'http_5xx' as const, status, statusText: 'x' }, url: 'http://a/', step: null },
    });
    for (let i = 0; i < 10; i++) stats.add(fail(503));
    stats.add({ latencyMs: 5, phases: emptyPhases(), failure: null });
    for (let i = 0; i < MAX_ERROR_GROUPS + 5; i++) stats.add(fail(500 + (i % 99) + 100));
    expect(stats.samples).toBe(11 + MAX_ERROR_GROUPS + 5);
    expect(stats.failuresByClass.http_5xx).toBe(10 + MAX_ERROR_GROUPS + 5);
    expect(stats.errors).toHaveLength(MAX_ERROR_GROUPS);
    expect(stats.errors[0]!.count).toBe(10);
    expect(stats.otherErrors).toBe(6);
  });
});
