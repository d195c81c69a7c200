// The one place concurrency is limited. N workers pull sample tasks from all probes in turn
// (round-robin), so one slow probe cannot starve the others and tasks are created lazily:
// memory does not grow with the number of samples. A sample's clock starts inside the task,
// after a worker picked it up, so time spent waiting here is never counted as latency.
import { Interrupted } from '../http/exchange.js';
import type { SampleOutcome } from '../model/sample.js';
import type { SampleTask } from '../probes/runner.js';

/** One probe's stream of tasks and where its outcomes go. */
export interface TaskSource {
  tasks: AsyncIterable<SampleTask> | Iterable<SampleTask>;
  record(outcome: SampleOutcome): void;
}

interface Cursor {
  iterator: AsyncIterator<SampleTask> | Iterator<SampleTask>;
  record(outcome: SampleOutcome): void;
}

/** Runs every task of every source with at most `concurrency` in flight; stops early on interrupt. */
export async function schedule(sources: TaskSource[], concurrency: number, interrupt: AbortSignal): Promise<void> {
  const cursors: Cursor[] = sources.map((s) => ({ iterator: iteratorOf(s.tasks), record: (o: SampleOutcome) => s.record(o) }));
  let turn = 0;

  const nextTask = async (): Promise<{ task: SampleTask; cursor: Cursor } | null> => {
    while (cursors.length > 0 && !interrupt.aborted) {
      const cursor = cursors[turn % cursors.length]!;
      turn++;
      const next = await cursor.iterator.next();
      if (!next.done) return { task: next.value, cursor };
      const index = cursors.indexOf(cursor);
      if (index >= 0) cursors.splice(index, 1);
    }
    return null;
  };

  const pace = pacer();
  const worker = async () => {
    for (let job = await nextTask(); job; job = await nextTask()) {
      try {
        await pace();
        job.cursor.record(await job.task());
      } catch (err) {
        if (!(err instanceof Interrupted)) throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/**
 * Spreads sample starts: at most one per turn of the event loop, each after the I/O already
 * waiting has been handled. Responses that arrive together are then timestamped before any new
 * connection is opened, and the next samples start (so their responses come back) spread out
 * instead of in one burst. Firing c samples at once had the last responses of each burst wait
 * tens of ms at concurrency 100 for the client to get to them (README, "Performance").
 */
function pacer(): () => Promise<void> {
  let previous = Promise.resolve();
  return () => (previous = previous.then(() => new Promise((resolve) => setImmediate(resolve))));
}

function iteratorOf(tasks: AsyncIterable<SampleTask> | Iterable<SampleTask>): AsyncIterator<SampleTask> | Iterator<SampleTask> {
  return Symbol.asyncIterator in tasks ? tasks[Symbol.asyncIterator]() : tasks[Symbol.iterator]();
}
