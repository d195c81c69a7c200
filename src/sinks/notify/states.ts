// Where a notification's memory lives: in the process for `watch`, or rebuilt for each `run` from
// the --record history (the last runs replayed) and the sidecar of states already announced.
import { ConfirmedState, type ConfirmOptions } from '../../analysis/confirmed-state.js';
import { surfaceStates } from '../../analysis/surface-state.js';
import type { RunResult } from '../../model/result.js';
import { SURFACES, type Surface } from '../../model/surface.js';
import { parseRecordedRun, type RecordedRun } from '../../report/html/recorded-run.js';
import { linesFromEnd } from '../files/lines-from-end.js';
import { announcedPath, readAnnounced, writeAnnounced, type Announced } from './announced.js';

/** Runs of the record replayed: far more than any sensible downAfter/upAfter. */
const REPLAYED_RUNS = 200;

/** Per surface, the state confirmed after this run and the state last announced. */
export interface SurfaceMemory {
  confirmed: Record<Surface, ConfirmedState>;
  announced: Announced;
  /** Keeps what was announced for the next run. */
  save(announced: Announced): void;
}

export interface StateStore {
  /** The memory after taking this run's states in. */
  afterRun(result: RunResult): SurfaceMemory;
  /** Where announced states persist (messages name it when it cannot be written), or null. */
  readonly file: string | null;
}

/** `watch`: one set of trackers lives as long as the process. */
export function memoryStore(options: ConfirmOptions): StateStore {
  const confirmed = trackers(options, {});
  let announced: Announced = {};
  return {
    file: null,
    afterRun(result) {
      const states = surfaceStates(result);
      for (const s of SURFACES) confirmed[s].add(states[s]);
      return { confirmed, announced: { ...announced }, save: (next) => (announced = next) };
    },
  };
}

/** `run --record`: the trackers start from what was announced and replay the record's last runs. */
export function recordStore(record: string, options: ConfirmOptions): StateStore {
  const file = announcedPath(record);
  return {
    file,
    afterRun(result) {
      const announced = readAnnounced(file);
      const confirmed = trackers(options, announced);
      const current = result.startedAt.toISOString();
      // The record sink may already hold this run: it counts once.
      const earlier = lastRuns(record).filter((run) => run.startedAt !== current);
      for (const run of [...earlier, result]) {
        const states = surfaceStates(run);
        for (const s of SURFACES) confirmed[s].add(states[s]);
      }
      return { confirmed, announced, save: (next) => writeAnnounced(file, next) };
    },
  };
}

function trackers(options: ConfirmOptions, initial: Announced): Record<Surface, ConfirmedState> {
  return Object.fromEntries(SURFACES.map((s) => [s, new ConfirmedState(options, initial[s] ?? null)])) as Record<Surface, ConfirmedState>;
}

/** The record's last runs, oldest first; none when it does not exist yet. */
function lastRuns(record: string): RecordedRun[] {
  const runs: RecordedRun[] = [];
  try {
    for (const line of linesFromEnd(record)) {
      const run = parseRecordedRun(line);
      if (run) runs.push(run);
      if (runs.length >= REPLAYED_RUNS) break;
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  return runs.reverse();
}
