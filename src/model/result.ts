// The one value a run produces. Every reporter reads it; none reaches back into the run.
import type { ProbeConfig, Surface } from '../config/types.js';
import type { ClassCounts, ErrorGroup } from '../stats/probe-stats.js';
import type { LatencySummary, LatencyTotal } from '../stats/latency.js';
import type { TimedPhase } from './timings.js';
import type { ExitCode } from './exit-codes.js';

export interface PhaseSummary {
  p50: number;
  p95: number;
  p99: number;
}

export interface ThresholdResult {
  name: 'successRate' | 'p95' | 'p99';
  /** A fraction for successRate, milliseconds for latencies (SPEC). */
  limit: number;
  actual: number | null;
  passed: boolean;
}

export interface StepResult {
  id: string;
  latencyMs: LatencySummary | null;
  failuresByClass: ClassCounts;
  skipped: number;
}

/** What a links probe found and left out; the links it checked are its samples. */
export interface LinkCounts {
  /** The page `fromPage` read (its URL after redirects), or null for `urls` only. */
  page: string | null;
  /** References found in the page, before anything was skipped or merged. */
  found: number;
  /** Not http(s): mailto:, tel:, javascript:, data: … */
  skipped: number;
  /** Not a URL at all (`http://[oops`). */
  invalid: number;
  /** The same URL again (fragments ignored), or the page itself. */
  duplicates: number;
  /** Distinct links past `limit`: not checked. */
  overLimit: number;
}

export interface ProbeResult {
  probe: ProbeConfig;
  passed: boolean;
  samples: number;
  failedSamples: number;
  /** Samples that passed only on a retry (counted as passed). */
  flakySamples: number;
  /** null when the probe produced no sample. */
  successRate: number | null;
  latencyMs: LatencySummary | null;
  /** The samples latencyMs covers and their summed latency (reports that add runs up need it). */
  latencyTotal: LatencyTotal;
  /** latencyMs's histogram in HdrHistogram's compressed base64 form (microseconds), so reports merge exactly; null without latencies. */
  latencyHistogram: string | null;
  phasesMs: Record<TimedPhase, PhaseSummary | null>;
  /** Per phase, how many samples measured it and the summed time. */
  phaseTotals: Record<TimedPhase, LatencyTotal>;
  failuresByClass: ClassCounts;
  thresholds: ThresholdResult[];
  errors: ErrorGroup[];
  /** Failed samples beyond the kept example groups. */
  otherErrors: number;
  steps?: StepResult[];
  links?: LinkCounts;
}

export interface SurfaceSummary {
  probes: number;
  failedProbes: number;
  samples: number;
  failedSamples: number;
  flakySamples: number;
  failureRate: number;
  failuresByClass: ClassCounts;
}

export interface RunSummary {
  probes: number;
  passed: number;
  failed: number;
  samples: number;
  failedSamples: number;
  flakySamples: number;
  surfaces: Record<Surface, SurfaceSummary>;
}

/** How far the client's own event loop lagged during the run (src/run/loop-lag.ts). */
export interface TimingConfidence {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** The lag was large enough that latencies may be inflated by it: the report warns. */
  distorted: boolean;
}

export interface RunResult {
  vantage: string | null;
  startedAt: Date;
  durationMs: number;
  /** Stopped early by a signal: the numbers cover what was measured until then. */
  interrupted: boolean;
  exitCode: ExitCode;
  summary: RunSummary;
  probes: ProbeResult[];
  timingConfidence: TimingConfidence;
}
