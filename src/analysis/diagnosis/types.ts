// The diagnosis's input (what a run knows) and output (SPEC's `diagnosis` block).
import type { Surface } from '../../config/types.js';
import type { FailureClass } from '../../model/failure.js';
import type { ProbeEvidence } from './evidence.js';

/** Where a surface's failures point, lowest layer first (the order ties are broken in). */
export const LAYERS = ['dns', 'network', 'tls', 'edge', 'origin', 'auth', 'content', 'latency'] as const;
export type Layer = (typeof LAYERS)[number];

export type SurfaceState = 'unprobed' | 'down' | 'degraded' | 'up';

/** Which probe (house's ProbeRef). */
export interface ProbeRef {
  id: string;
  kind: string;
  surface: Surface;
  tags: string[];
}

/** One probe's result as far as the diagnosis reads it. */
export interface ProbeFacts {
  probe: ProbeRef;
  passed: boolean;
  samples: number;
  failedSamples: number;
  flakySamples: number;
  failuresByClass: Partial<Record<FailureClass, number>>;
  latencyP50Ms: number | null;
  /** Thresholds this probe failed (successRate as a fraction, latencies in ms). */
  failedThresholds: { name: 'successRate' | 'p95' | 'p99'; limit: number; actual: number | null }[];
  evidence: ProbeEvidence;
}

/** One control's outcome: any HTTP answer within the timeout passes. */
export interface ControlOutcome {
  /** As shown to people (no userinfo). */
  url: string;
  passed: boolean;
  /** The failure class when it did not pass. */
  failureClass: FailureClass | null;
}

export interface DiagnosisInput {
  probes: ProbeFacts[];
  /** summary.surfaces' numbers, so state and report agree to the digit. */
  surfaces: Record<Surface, { probes: number; samples: number; failedSamples: number; failureRate: number }>;
  /** null: the file has no controls. */
  controls: ControlOutcome[] | null;
  /** upprobe's own event-loop lag (src/run/loop-lag.ts); null when not measured. */
  eventLoop: { p99Ms: number; distorted: boolean } | null;
}

export interface ProberDiagnosis {
  healthy: boolean | null;
  controls: { passed: number; total: number } | null;
  reasons: string[];
}

export interface SurfaceDiagnosis {
  state: SurfaceState;
  layer: Layer | null;
  failureRate: number;
  evidence: string[];
}

/** SPEC's `diagnosis` block. */
export interface Diagnosis {
  prober: ProberDiagnosis;
  surfaces: Record<Surface, SurfaceDiagnosis>;
  consistentWith: string[];
  headline: string;
}
