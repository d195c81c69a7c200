// What was last announced per surface, kept beside the record (`<record>.notify.json`) so a
// notification that could not be delivered is sent again at the next run, and one that was is
// never sent twice. Written atomically: a reader sees the old file or the new, never half.
import { isSurfaceState, type SurfaceState } from '../../analysis/surface-state.js';
import { SURFACES, type Surface } from '../../model/surface.js';
import { readIfExists, writeFileAtomic } from '../files/write.js';

export type Announced = Partial<Record<Surface, SurfaceState>>;

export function announcedPath(record: string): string {
  return `${record}.notify.json`;
}

/** The states last announced; empty when there is no file yet (or it is not ours). */
export function readAnnounced(path: string): Announced {
  const text = readIfExists(path);
  if (text === null) return {};
  try {
    const data = JSON.parse(text) as { announced?: Record<string, unknown> };
    const announced: Announced = {};
    for (const surface of SURFACES) {
      const state = data.announced?.[surface];
      if (isSurfaceState(state)) announced[surface] = state;
    }
    return announced;
  } catch {
    return {};
  }
}

export function writeAnnounced(path: string, announced: Announced): void {
  writeFileAtomic(path, `${JSON.stringify({ version: 1, announced }, null, 2)}\n`);
}
