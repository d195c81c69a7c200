// Retries, once for every probe kind: a failed sample is tried again (after a pause) up to
// `retries` times. The last attempt is the sample: its latency, its phases, its failure. A sample
// that passes on a retry counts as passed and carries `attempts`, which the stats count as flaky;
// one that fails every attempt is a failed sample, so retries never hide a consistent failure.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryPolicy } from '../config/types.js';
import { Interrupted } from '../model/interrupted.js';
import type { PlannedTask, SampleTask } from '../probes/runner.js';

type Tasks = AsyncIterable<PlannedTask> | Iterable<PlannedTask>;

/** The probe's tasks, each wrapped to retry on failure; unchanged when the policy has no retries. */
export function withRetries(tasks: Tasks, policy: RetryPolicy, interrupt: AbortSignal): Tasks {
  if (policy.retries === 0) return tasks;
  // A host-limited task keeps its host and cap; only what it runs is retried.
  const wrap = (task: PlannedTask): PlannedTask =>
    typeof task === 'function' ? retrying(task, policy, interrupt) : { ...task, run: retrying(task.run, policy, interrupt) };
  if (Symbol.asyncIterator in tasks) {
    return (async function* () {
      for await (const task of tasks) yield wrap(task);
    })();
  }
  return (function* () {
    for (const task of tasks) yield wrap(task);
  })();
}

/** One sample with its retries. The pause holds the worker's slot: retries stay within the concurrency limit. */
export function retrying(task: SampleTask, policy: RetryPolicy, interrupt: AbortSignal): SampleTask {
  return async () => {
    let outcome = await task();
    let attempts = 1;
    while (outcome.failure && attempts <= policy.retries) {
      await pause(policy.delayMs, interrupt);
      outcome = await task();
      attempts++;
    }
    return attempts > 1 ? { ...outcome, attempts } : outcome;
  };
}

async function pause(ms: number, interrupt: AbortSignal): Promise<void> {
  if (interrupt.aborted) throw new Interrupted();
  if (ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal: interrupt });
  } catch {
    throw new Interrupted();
  }
}
