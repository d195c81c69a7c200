// The per-surface summary of a run's results: the figures that answer "is it the app or the website?".
import { increment, type ClassCounts } from '../model/counts.js';
import type { ProbeResult, RunSummary, SurfaceSummary } from '../model/result.js';
import { SURFACES, type Surface } from '../model/surface.js';

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
