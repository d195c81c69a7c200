// A surface's state in one run: the diagnosis's when the run has one, otherwise derived the way
// SPEC defines the states (down at a failure rate of 0.5 or more, degraded when a probe of the
// surface failed its thresholds, up otherwise, unprobed when no probe of it ran). `watch`, the
// notifications and the HTML report read states from here, so the diagnosis can replace the rule
// in one place.
import type { SurfaceSummary } from '../model/result.js';
import { SURFACES, type Surface } from '../model/surface.js';

/** A surface's state, best first (as the diagnosis names them). */
export type SurfaceState = 'up' | 'degraded' | 'down' | 'unprobed';

/** What a run's diagnosis says, as far as states go (absent on results without a diagnosis). */
export interface DiagnosedStates {
  diagnosis?: { headline?: string; surfaces?: Partial<Record<Surface, { state?: string } | undefined>> } | null;
}

/** A run as the states are read from it: its per-surface summary and, when present, its diagnosis. */
export interface StateSource extends DiagnosedStates {
  summary: { surfaces: Record<Surface, Pick<SurfaceSummary, 'probes' | 'failedProbes' | 'failureRate'>> };
}

/** SPEC's rule, for a run without a diagnosis. */
export function derivedState(summary: Pick<SurfaceSummary, 'probes' | 'failedProbes' | 'failureRate'>): SurfaceState {
  if (summary.probes === 0) return 'unprobed';
  if (summary.failureRate >= 0.5) return 'down';
  return summary.failedProbes > 0 ? 'degraded' : 'up';
}

export function isSurfaceState(value: unknown): value is SurfaceState {
  return value === 'up' || value === 'degraded' || value === 'down' || value === 'unprobed';
}

/** One surface's state in a run: the diagnosis's when it names one, else derived. */
export function surfaceState(run: StateSource, surface: Surface): SurfaceState {
  const diagnosed = run.diagnosis?.surfaces?.[surface]?.state;
  return isSurfaceState(diagnosed) ? diagnosed : derivedState(run.summary.surfaces[surface]);
}

/** Every surface's state in a run. */
export function surfaceStates(run: StateSource): Record<Surface, SurfaceState> {
  return Object.fromEntries(SURFACES.map((s) => [s, surfaceState(run, s)])) as Record<Surface, SurfaceState>;
}

/** `degraded` and `down` both count as failing (SPEC, notifications). */
export function isFailing(state: SurfaceState): boolean {
  return state === 'degraded' || state === 'down';
}

/** The diagnosis headline, when the run has one. */
export function headlineOf(run: object): string | null {
  const headline = (run as DiagnosedStates).diagnosis?.headline;
  return typeof headline === 'string' && headline !== '' ? headline : null;
}
