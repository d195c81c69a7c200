// Hysteresis for a surface's state, as notifications need it: a change counts only after
// `downAfter` consecutive failing runs (degraded or down) or `upAfter` consecutive passing ones, so
// one flapping run announces nothing. Constant memory: the confirmed state and the current streak.
import { isFailing, type SurfaceState } from './surface-state.js';

export interface ConfirmOptions {
  downAfter: number;
  upAfter: number;
}

/** Follows one surface run by run (oldest first). */
export class ConfirmedState {
  private current: SurfaceState | null;
  private streak = 0;
  private streakFailing = false;

  /** `initial`: what was confirmed before these runs (e.g. the last state announced), if known. */
  constructor(
    private readonly options: ConfirmOptions,
    initial: SurfaceState | null = null,
  ) {
    this.current = initial;
  }

  /** The state confirmed so far; null before the first probed run. */
  get confirmed(): SurfaceState | null {
    return this.current;
  }

  /** Takes the next run's state; an unprobed run neither extends nor breaks a streak. */
  add(state: SurfaceState): void {
    if (state === 'unprobed') return;
    const failing = isFailing(state);
    // The first state seen is not a change: it is simply what the surface is.
    if (this.current === null) {
      this.current = state;
      this.streak = 1;
      this.streakFailing = failing;
      return;
    }
    if (failing === this.streakFailing) this.streak++;
    else {
      this.streak = 1;
      this.streakFailing = failing;
    }
    if (failing === isFailing(this.current)) {
      // Still on the confirmed side: follow it (degraded ↔ down is not a change worth announcing).
      this.current = state;
      return;
    }
    if (this.streak >= (failing ? this.options.downAfter : this.options.upAfter)) this.current = state;
  }
}
