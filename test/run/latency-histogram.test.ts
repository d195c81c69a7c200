import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/run/latency-histogram.js';
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
