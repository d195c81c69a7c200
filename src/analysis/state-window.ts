// The recent past `watch` shows: per surface the last runs' states and failure rates (a bounded
// window, so memory stays flat however long it watches) and since when the current state holds
// (tracked as runs arrive, so it stays right after the window has moved past the change).
import { SURFACES, type Surface } from '../model/surface.js';
import { surfaceState, type StateSource, type SurfaceState } from './surface-state.js';

/** Runs kept per surface: wider than any terminal's sparkline. */
export const WINDOW_RUNS = 240;

export interface WindowPoint {
  state: SurfaceState;
  failureRate: number;
}

interface SurfaceTrack {
  points: WindowPoint[];
  state: SurfaceState | null;
  since: Date | null;
}

export class StateWindow {
  private readonly tracks: Record<Surface, SurfaceTrack>;
  private count = 0;

  constructor(private readonly capacity = WINDOW_RUNS) {
    this.tracks = Object.fromEntries(SURFACES.map((s) => [s, { points: [], state: null, since: null }])) as unknown as Record<Surface, SurfaceTrack>;
  }

  /** Takes a run in (oldest first); `at` is when it started. */
  add(run: StateSource, at: Date): void {
    this.count++;
    for (const surface of SURFACES) {
      const track = this.tracks[surface];
      const state = surfaceState(run, surface);
      track.points.push({ state, failureRate: run.summary.surfaces[surface].failureRate });
      if (track.points.length > this.capacity) track.points.shift();
      if (state !== track.state) {
        track.state = state;
        track.since = at;
      }
    }
  }

  /** Runs taken in so far (not bounded by the window). */
  get runs(): number {
    return this.count;
  }

  /** The last runs, oldest first, at most `capacity`. */
  points(surface: Surface): readonly WindowPoint[] {
    return this.tracks[surface].points;
  }

  /** The latest state, and when the run that entered it started (the first run, if it never changed). */
  current(surface: Surface): { state: SurfaceState; since: Date } | null {
    const { state, since } = this.tracks[surface];
    return state === null || since === null ? null : { state, since };
  }
}
