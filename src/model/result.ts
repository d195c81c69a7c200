// The one value a run produces. Every reporter reads it; none reaches back into the run.
import type { ClassCounts, ErrorGroup } from './counts.js';
import type { DnsData } from './dns.js';
import type { Diagnosis } from './diagnosis.js';
import type { ProbeEvidence } from './evidence.js';
import type { ExitCode } from './exit-codes.js';
import type { FlowData } from './flow.js';
import type { LatencySummary, LatencyTotal } from './latency.js';
import type { LinksData } from './links.js';
import type { ProbeRef } from './probe-ref.js';
import type { TcpData } from './tcp.js';
import type { Surface } from './surface.js';
import type { ThresholdResult } from './thresholds.js';
import type { TimedPhase } from './timings.js';
import type { HttpVersion, TlsInfo } from './tls.js';

export interface PhaseSummary {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * What a kind adds to its probe's result, one member per kind that adds anything (discriminated
 * by `kind`): a kind with figures of its own adds its file here and one member to this union.
 */
export type KindData = FlowData | LinksData | DnsData | TcpData;

export interface ProbeResult {
  probe: ProbeRef;
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
  kindData?: KindData;
  /** The HTTP version of the last sample that got a response; absent or null when none did. */
  httpVersion?: HttpVersion | null;
  /** The last TLS handshake that reached a certificate (also one then rejected); absent or null on plain HTTP. */
  tls?: TlsInfo | null;
  /** What the diagnosis reads beyond the counts; absent on a result rebuilt from a JSON report. */
  evidence?: ProbeEvidence;
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
  /**
   * Which surface, which layer, and whether the prober itself is healthy (analysis/diagnosis);
   * every run sets it, a result rebuilt from elsewhere may not have it.
   */
  diagnosis?: Diagnosis;
}
