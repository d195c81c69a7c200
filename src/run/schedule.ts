// The one place concurrency is limited. N workers pull sample tasks from all probes in turn
// (round-robin), so one slow probe cannot starve the others and tasks are created lazily:
// memory does not grow with the number of samples. A sample's clock starts inside the task,
// after a worker picked it up, so time spent waiting here is never counted as latency.
//
// Per-host caps (links probes) are enforced here too, without holding a global slot while
// waiting: a host-limited task whose host is full is parked on its probe's cursor, and the worker
// moves on to another probe's task. A parked cursor yields nothing else until its task starts, so
// at most one task per probe waits, and a finished sample wakes the workers to try again.
import { Interrupted } from '../model/interrupted.js';
import type { SampleOutcome } from '../model/sample.js';
import type { HostLimitedTask, PlannedTask, SampleTask } from '../probes/runner.js';

/** One probe's stream of tasks and where its outcomes go. */
export interface TaskSource {
  /**
   * The tasks, asked for once, when the scheduler first wants one of them: what they need (a
   * probe's plan and statistics) can be made then, not for every probe before the run.
   */
  tasks(): AsyncIterable<PlannedTask> | Iterable<PlannedTask>;
  record(outcome: SampleOutcome): void;
  /** Called once the source has no task left and none in flight: what its tasks needed can go. */
  done?(): void;
}

interface Cursor {
  source: TaskSource;
  /** Made at the first pull. */
  iterator: AsyncIterator<PlannedTask> | Iterator<PlannedTask> | null;
  /** Its tasks come from a plain iterator: asking it for the next one costs nothing and starts nothing. */
  sync: boolean;
  /** Its source has no task left: skipped by scans, and dropped from the list in batches. */
  done: boolean;
  /** Its tasks in flight: the source is done once it has no task left and none running. */
  running: number;
  /**
   * A task pulled but not started, because its host was full or because the source's last task
   * had just ended (to learn whether it has more): it starts before anything else of this probe.
   */
  parked: PlannedTask | null;
  /** A worker is awaiting this cursor's next task (e.g. a links probe loading its page). */
  pulling: boolean;
}

interface Job {
  run: SampleTask;
  cursor: Cursor;
  /** The host slot the job holds, if it is host-limited. */
  host: string | null;
}

/**
 * Runs every task of every source with at most `concurrency` in flight; stops early on interrupt.
 * A source that throws (or whose task does) stops the rest from starting; the tasks in flight end
 * and are recorded, then the error is thrown.
 */
export async function schedule(sources: TaskSource[], concurrency: number, interrupt: AbortSignal): Promise<void> {
  let cursors: Cursor[] = sources.map((source) => ({ source, iterator: null, sync: false, done: false, running: 0, parked: null, pulling: false }));
  // Set by a worker; read here after they all ended (typed by assertion: TypeScript cannot see the workers set it).
  let failure = null as { error: unknown } | null;
  const stopped = () => interrupt.aborted || failure !== null;
  /** Cursors in `cursors` that are done: the list is rebuilt without them once they are half of it. */
  let finished = 0;
  const live = () => cursors.length - finished;
  const perHost = new Map<string, number>();
  let turn = 0;

  // Idle workers sleep until something changes: a sample ends, a pull ends, the run is interrupted.
  let version = 0;
  let sleepers: (() => void)[] = [];
  const changed = () => {
    version++;
    const wake = sleepers;
    sleepers = [];
    for (const resolve of wake) resolve();
  };
  const sleep = () => new Promise<void>((resolve) => sleepers.push(resolve));
  interrupt.addEventListener('abort', changed, { once: true });

  const fits = (task: HostLimitedTask) => (perHost.get(task.host) ?? 0) < task.limit;
  const start = (task: PlannedTask, cursor: Cursor): Job => {
    turn++;
    cursor.running++;
    if (typeof task === 'function') return { run: task, cursor, host: null };
    perHost.set(task.host, (perHost.get(task.host) ?? 0) + 1);
    return { run: task.run, cursor, host: task.host };
  };
  const finish = (job: Job) => {
    if (job.host !== null) {
      const left = (perHost.get(job.host) ?? 1) - 1;
      if (left > 0) perHost.set(job.host, left);
      else perHost.delete(job.host);
    }
    const { cursor } = job;
    if (--cursor.running === 0) {
      if (cursor.done) cursor.source.done?.();
      else lookAhead(cursor);
    }
    changed();
  };

  /**
   * A plain source whose tasks have all ended is asked for its next one at once, so that it is
   * done now and not when the round-robin comes back to it: a one-sample probe would otherwise hold
   * its plan until every other probe had started.
   */
  const lookAhead = (cursor: Cursor) => {
    if (!cursor.sync || cursor.iterator === null || cursor.parked !== null || cursor.pulling || stopped()) return;
    const next = (cursor.iterator as Iterator<PlannedTask>).next();
    if (next.done) retire(cursor);
    else cursor.parked = next.value;
  };

  /**
   * One round-robin pass: a job that may start now, 'wait' if none can yet, null when all is done.
   * Usually the first cursor looked at has a task, so a pass costs O(1), not O(probes): the list is
   * walked by index (never copied), and a finished cursor is marked, not spliced out.
   */
  const scan = async (): Promise<Job | 'wait' | null> => {
    const list = cursors; // a pass keeps the list it started with, even if it is rebuilt meanwhile
    const first = list.length === 0 ? 0 : turn % list.length;
    for (let k = 0; k < list.length; k++) {
      // Nothing new starts, or opens, once the run is stopping (this pass may have awaited a pull).
      if (stopped()) return null;
      const cursor = list[(first + k) % list.length];
      if (!cursor || cursor.done) continue; // finished, maybe while this pass awaited another cursor
      if (cursor.parked) {
        const task = cursor.parked;
        if (typeof task !== 'function' && !fits(task)) continue;
        cursor.parked = null;
        return start(task, cursor);
      }
      if (cursor.pulling) continue;
      cursor.pulling = true;
      // This worker may now wait on the source (a links probe loading its page): another worker
      // goes on meanwhile, so no source stalls the rest. That worker may already have failed.
      addWorker();
      if (stopped()) {
        cursor.pulling = false;
        return null;
      }
      let next: IteratorResult<PlannedTask>;
      try {
        next = await (cursor.iterator ??= open(cursor)).next();
      } catch (error) {
        // Known before anyone wakes: no other worker pulls or opens a source after this.
        failure ??= { error };
        throw error;
      } finally {
        cursor.pulling = false;
        changed();
      }
      if (stopped()) return null;
      if (next.done) {
        retire(cursor);
        continue;
      }
      if (typeof next.value === 'function' || fits(next.value)) return start(next.value, cursor);
      cursor.parked = next.value;
    }
    return live() === 0 ? null : 'wait';
  };

  /** Marks a cursor done; rebuilding the list once half of it is done keeps retiring linear overall. */
  const retire = (cursor: Cursor) => {
    if (cursor.done) return;
    cursor.done = true;
    if (cursor.running === 0) cursor.source.done?.();
    finished++;
    if (finished * 2 >= cursors.length) {
      cursors = cursors.filter((c) => !c.done);
      finished = 0;
    }
  };

  // Workers start one at a time, one more each time a worker pulls a task from a source: never more
  // workers than tasks (plus one), so `concurrency: 1000000000` costs what the work needs.
  const limit = Math.max(1, concurrency);
  let addWorker = () => {};
  const pace = pacer();

  const nextJob = async (): Promise<Job | null> => {
    while (!stopped()) {
      const seen = version;
      const job = await scan();
      if (job !== 'wait') return job;
      // Something changed while scanning (a sample ended): look again instead of sleeping through it.
      if (version === seen) await sleep();
    }
    return null;
  };

  try {
    await new Promise<void>((resolve) => {
      const worker = async () => {
        try {
          for (let job = await nextJob(); job; job = await nextJob()) {
            try {
              await pace();
              if (stopped()) continue;
              job.cursor.source.record(await job.run());
            } catch (err) {
              if (!(err instanceof Interrupted)) throw err;
            } finally {
              finish(job);
            }
          }
        } catch (error) {
          failure ??= { error };
          changed();
        }
      };
      let workers = 0;
      addWorker = () => {
        if (workers >= limit) return;
        workers++;
        void worker().then(() => {
          if (--workers === 0) resolve();
        });
      };
      addWorker();
    });
    if (failure) throw failure.error;
  } finally {
    interrupt.removeEventListener('abort', changed);
  }
}

/**
 * Spreads sample starts: at most one per turn of the event loop, each after the I/O already
 * waiting has been handled. Responses that arrive together are then timestamped before any new
 * connection is opened, and the next samples start (so their responses come back) spread out
 * instead of in one burst. Firing c samples at once had the last responses of each burst wait
 * tens of ms at concurrency 100 for the client to get to them (bench/README.md).
 */
function pacer(): () => Promise<void> {
  let previous = Promise.resolve();
  return () => (previous = previous.then(() => new Promise((resolve) => setImmediate(resolve))));
}

/** The source's tasks, asked for now: its first pull. */
function open(cursor: Cursor): AsyncIterator<PlannedTask> | Iterator<PlannedTask> {
  const tasks = cursor.source.tasks();
  if (Symbol.asyncIterator in tasks) return tasks[Symbol.asyncIterator]();
  cursor.sync = true;
  return tasks[Symbol.iterator]();
}
