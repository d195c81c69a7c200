// SPEC's `diagnosis` block: which surface, which layer, and whether the prober itself is healthy.
// analysis/diagnosis computes it; every reporter reads it.
import type { FailureClass } from './failure.js';
import type { Surface } from './surface.js';

/** Where a surface's failures point, lowest layer first (the order ties are broken in). */
export const LAYERS = ['dns', 'network', 'tls', 'edge', 'origin', 'auth', 'content', 'latency'] as const;
export type Layer = (typeof LAYERS)[number];

/** A surface's state, best first. */
export const SURFACE_STATES = ['up', 'degraded', 'down', 'unprobed'] as const;
export type SurfaceState = (typeof SURFACE_STATES)[number];

/** One control's outcome: any HTTP answer within the timeout passes. */
export interface ControlOutcome {
  /** As shown to people (no userinfo). */
  url: string;
  passed: boolean;
  /** The failure class when it did not pass. */
  failureClass: FailureClass | null;
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
