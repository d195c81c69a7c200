// Incidents in a run history: for each surface, the stretches of consecutive runs in which it was
// not up, with when they started and ended, how bad they got and where the failures pointed.
import type { Surface } from '../model/surface.js';

/** A surface's state in one run (diagnosis states; `unprobed` runs neither start nor end an incident). */
export type SurfaceState = 'up' | 'degraded' | 'down' | 'unprobed';

/** What one run says of one surface. */
export interface SurfacePoint {
  state: SurfaceState;
  failureRate: number;
  /** The diagnosis layer when the run had one, else the commonest failure class. */
  cause: string | null;
}

export interface Incident {
  surface: Surface;
  /** startedAt of the first run that was not up. */
  start: string;
  /** startedAt of the first run up again; null while it lasts. */
  end: string | null;
  durationMs: number | null;
  runs: number;
  worst: 'degraded' | 'down';
  peakFailureRate: number;
  /** The cause most runs of the incident named. */
  cause: string | null;
}

/** Follows one surface run by run (oldest first) in constant memory per open incident. */
export class IncidentTracker {
  private readonly closed: Incident[] = [];
  private open: (Incident & { causes: Map<string, number> }) | null = null;

  constructor(private readonly surface: Surface) {}

  add(startedAt: string, point: SurfacePoint): void {
    if (point.state === 'unprobed') return;
    if (point.state === 'up') {
      if (this.open) this.close(startedAt);
      return;
    }
    const open = (this.open ??= {
      surface: this.surface, start: startedAt, end: null, durationMs: null, runs: 0, worst: 'degraded', peakFailureRate: 0, cause: null, causes: new Map<string, number>(),
    });
    open.runs++;
    if (point.state === 'down') open.worst = 'down';
    open.peakFailureRate = Math.max(open.peakFailureRate, point.failureRate);
    if (point.cause) open.causes.set(point.cause, (open.causes.get(point.cause) ?? 0) + 1);
  }

  /** Every incident, oldest first; one still open has `end: null`. */
  incidents(): Incident[] {
    return this.open ? [...this.closed, finish(this.open)] : this.closed;
  }

  private close(endedAt: string): void {
    const incident = finish(this.open!);
    incident.end = endedAt;
    incident.durationMs = Date.parse(endedAt) - Date.parse(incident.start);
    this.closed.push(incident);
    this.open = null;
  }
}

function finish(open: Incident & { causes: Map<string, number> }): Incident {
  const { causes, ...incident } = open;
  let cause: string | null = null;
  for (const [name, n] of causes) if (cause === null || n > (causes.get(cause) ?? 0)) cause = name;
  return { ...incident, cause };
}
