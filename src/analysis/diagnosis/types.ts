// What diagnose() reads: per probe its counts and evidence, the surfaces' numbers, the controls.
import type { ProbeRef } from '../../model/probe-ref.js';
import type { Surface } from '../../model/surface.js';
import type { ControlOutcome } from '../../model/diagnosis.js';
import type { FailureClass } from '../../model/failure.js';
import type { ProbeEvidence } from '../../model/evidence.js';

export { LAYERS, type ControlOutcome, type Diagnosis, type Layer, type ProberDiagnosis, type SurfaceDiagnosis, type SurfaceState } from '../../model/diagnosis.js';

export type { ProbeRef } from '../../model/probe-ref.js';

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

export interface DiagnosisInput {
  probes: ProbeFacts[];
  /** summary.surfaces' numbers, so state and report agree to the digit. */
  surfaces: Record<Surface, { probes: number; samples: number; failedSamples: number; failureRate: number }>;
  /** null: the file has no controls. */
  controls: ControlOutcome[] | null;
  /** upprobe's own event-loop lag (src/run/loop-lag.ts); null when not measured. */
  eventLoop: { p99Ms: number; distorted: boolean } | null;
}
