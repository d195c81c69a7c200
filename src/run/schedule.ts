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

  // Workers start one by one, each once the one before has a task: never more workers than tasks,
  // so `concurrency: 1000000000` costs what the work needs, not a billion idle promises.
  const limit = Math.max(1, concurrency);
  let workers = 0;
  return new Promise<void>((resolve, reject) => {
    const start = () => {
      workers++;
      worker().then(() => {
        if (--workers === 0) resolve();
      }, reject);
    };
    const worker = async () => {
      for (let job = await nextTask(); job; job = await nextTask()) {
        if (workers < limit) start();
        try {
          job.cursor.record(await job.task());
        } catch (err) {
          if (!(err instanceof Interrupted)) throw err;
        }
      }
    };
    start();
  });
}

function iteratorOf(tasks: AsyncIterable<SampleTask> | Iterable<SampleTask>): AsyncIterator<SampleTask> | Iterator<SampleTask> {
  return Symbol.asyncIterator in tasks ? tasks[Symbol.asyncIterator]() : tasks[Symbol.iterator]();
}
