// Turns per-probe statistics into results, and results into the per-surface summary that
// answers "is it the app or the website?".
import { SURFACES, type ProbeConfig, type Surface } from '../config/types.js';
import type { LinkCounts, ProbeResult, RunSummary, SurfaceSummary } from '../model/result.js';
import { PHASES } from '../model/timings.js';
import { increment, type ClassCounts, type ProbeStats } from '../stats/probe-stats.js';
import { evaluateThresholds } from './thresholds.js';

export function probeResult(probe: ProbeConfig, stats: ProbeStats, links?: LinkCounts): ProbeResult {
  const successRate = stats.samples === 0 ? null : (stats.samples - stats.failedSamples) / stats.samples;
  const latencyMs = stats.latencySummary();
  const thresholds = evaluateThresholds(probe.thresholds, successRate, latencyMs);
  const phasesMs = Object.fromEntries(
    PHASES.map((phase) => {
      const histogram = stats.phases[phase];
      const summary = histogram.summary();
      return [phase, summary ? { p50: summary.p50, p95: summary.p95, p99: summary.p99 } : null];
    }),
  ) as ProbeResult['phasesMs'];
  const steps = stats.steps.size === 0 ? undefined : [...stats.steps.values()].map((s) => ({
    id: s.id,
    latencyMs: s.latency.summary(),
    failuresByClass: s.failuresByClass,
    skipped: s.skipped,
  }));
  return {
    probe,
    // A probe that produced no sample has shown nothing: it does not pass.
    passed: !stats.probeFailed && stats.samples > 0 && thresholds.every((t) => t.passed),
    samples: stats.samples,
    failedSamples: stats.failedSamples,
    flakySamples: stats.flakySamples,
    successRate,
    latencyMs,
    latencyTotal: stats.latency.total,
    latencyHistogram: stats.latency.encoded(),
    phasesMs,
    phaseTotals: Object.fromEntries(PHASES.map((phase) => [phase, stats.phases[phase].total])) as ProbeResult['phaseTotals'],
    failuresByClass: stats.failuresByClass,
    thresholds,
    errors: stats.errors,
    otherErrors: stats.otherErrors,
    ...(steps ? { steps } : {}),
    ...(links ? { links } : {}),
  };
}

export function summarize(results: ProbeResult[]): RunSummary {
  const surfaces = Object.fromEntries(SURFACES.map((s) => [s, surfaceSummary(results.filter((r) => r.probe.surface === s))])) as Record<
    Surface,
    SurfaceSummary
  >;
  const passed = results.filter((r) => r.passed).length;
  return {
    probes: results.length,
    passed,
    failed: results.length - passed,
    samples: sum(results.map((r) => r.samples)),
    failedSamples: sum(results.map((r) => r.failedSamples)),
    flakySamples: sum(results.map((r) => r.flakySamples)),
    surfaces,
  };
}

function surfaceSummary(results: ProbeResult[]): SurfaceSummary {
  const samples = sum(results.map((r) => r.samples));
  const failedSamples = sum(results.map((r) => r.failedSamples));
  const failuresByClass: ClassCounts = {};
  for (const r of results) for (const [cls, n] of Object.entries(r.failuresByClass)) increment(failuresByClass, cls as keyof ClassCounts, n);
  return {
    probes: results.length,
    failedProbes: results.filter((r) => !r.passed).length,
    samples,
    failedSamples,
    flakySamples: sum(results.map((r) => r.flakySamples)),
    failureRate: samples === 0 ? 0 : failedSamples / samples,
    failuresByClass,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
