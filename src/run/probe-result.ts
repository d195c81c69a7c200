// Turns one probe's accumulated statistics into its result: the moment run-time state (histograms,
// counters) becomes the plain data every reporter reads.
import { evaluateThresholds } from '../analysis/thresholds.js';
import type { FlowData } from '../model/flow.js';
import type { ProbeRef } from '../model/probe-ref.js';
import type { KindData, ProbeResult } from '../model/result.js';
import type { Thresholds } from '../model/thresholds.js';
import { PHASES } from '../model/timings.js';
import type { HdrHistogram } from '../analysis/hdr.js';
import type { ProbeStats } from './probe-stats.js';

/** What a result needs of its probe's config: who it is, and its limits. */
export interface ProbeIdentity extends ProbeRef {
  thresholds: Thresholds;
}

/** Turns a latency histogram into HdrHistogram's text (analysis/hdr-codec.ts); null: the report needs none. */
export type HistogramEncoder = ((histogram: HdrHistogram) => string) | null;

/**
 * The result of a probe; `kindData` is what its kind learned outside its samples (a links probe's
 * page); `encode` is given when a report carries the latency histogram (`latencyHistogram`).
 */
export function probeResult(probe: ProbeIdentity, stats: ProbeStats, kindData?: KindData, encode: HistogramEncoder = null): ProbeResult {
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
  // Samples with steps are a flow's: their per-step figures are the flow's own data.
  const steps: FlowData | undefined = stats.steps.size === 0 ? undefined : {
    kind: 'flow',
    steps: [...stats.steps.values()].map((s) => ({ id: s.id, latencyMs: s.latency.summary(), failuresByClass: s.failuresByClass, skipped: s.skipped })),
  };
  const data = steps ?? kindData;
  if (steps) stats.evidence.setFlowSteps(steps.steps.map((s) => ({ id: s.id, failuresByClass: s.failuresByClass })));
  return {
    probe: { id: probe.id, kind: probe.kind, surface: probe.surface, tags: probe.tags },
    // A probe that produced no sample has shown nothing: it does not pass.
    passed: !stats.probeFailed && stats.samples > 0 && thresholds.every((t) => t.passed),
    samples: stats.samples,
    failedSamples: stats.failedSamples,
    flakySamples: stats.flakySamples,
    successRate,
    latencyMs,
    latencyTotal: stats.latency.total,
    latencyHistogram: encode ? stats.latency.encoded(encode) : null,
    phasesMs,
    phaseTotals: Object.fromEntries(PHASES.map((phase) => [phase, stats.phases[phase].total])) as ProbeResult['phaseTotals'],
    failuresByClass: stats.failuresByClass,
    thresholds,
    errors: stats.errors,
    otherErrors: stats.otherErrors,
    ...(data ? { kindData: data } : {}),
    httpVersion: stats.httpVersion,
    tls: stats.tls,
    evidence: stats.evidence.result(),
  };
}
