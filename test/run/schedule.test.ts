// The scheduler: the global limit, per-host caps on top of it, and a waiting task never holding a slot.
import { describe, expect, it } from 'vitest';
import type { SampleOutcome } from '../../src/model/sample.js';
import { emptyPhases } from '../../src/model/timings.js';
import type { PlannedTask, SampleTask } from '../../src/probes/runner.js';
import { schedule, type TaskSource } from '../../src/run/schedule.js';

const OUTCOME: SampleOutcome = { latencyMs: 1, phases: emptyPhases(), failure: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts tasks in flight, overall and per label, and remembers the peaks. */
class Gauge {
  private readonly now = new Map<string, number>();
  readonly peak = new Map<string, number>();
  track(labels: string[], ms: number): () => Promise<SampleOutcome> {
    return async () => {
      for (const label of labels) this.bump(label, 1);
      await sleep(ms);
      for (const label of labels) this.bump(label, -1);
      return OUTCOME;
    };
  }
  private bump(label: string, by: number) {
    const value = (this.now.get(label) ?? 0) + by;
    this.now.set(label, value);
    this.peak.set(label, Math.max(this.peak.get(label) ?? 0, value));
  }
}

function source(tasks: Iterable<PlannedTask> | AsyncIterable<PlannedTask>, recorded: { n: number }): TaskSource {
  return { tasks: () => tasks, record: () => recorded.n++ };
}

function* hostTasks(gauge: Gauge, hosts: string[], count: number, limit: number, ms: number): Iterable<PlannedTask> {
  for (let i = 0; i < count; i++) {
    const host = hosts[i % hosts.length]!;
    yield { host, limit, run: gauge.track(['all', host], ms) };
  }
}

function* plainTasks(gauge: Gauge, label: string, count: number, ms: number): Iterable<PlannedTask> {
  for (let i = 0; i < count; i++) yield gauge.track(['all', label], ms);
}

const never = new AbortController().signal;

describe('schedule', () => {
  it('runs every task with at most `concurrency` in flight', async () => {
    const gauge = new Gauge();
    const done = { n: 0 };
    await schedule([source(plainTasks(gauge, 'p', 40, 5), done)], 6, never);
    expect(done.n).toBe(40);
    expect(gauge.peak.get('all')).toBe(6);
  });

  it('keeps each host under its cap while other hosts use the rest of the global limit', async () => {
    const gauge = new Gauge();
    const done = { n: 0 };
    await schedule([source(hostTasks(gauge, ['a.test', 'b.test'], 40, 2, 10), done)], 8, never);
    expect(done.n).toBe(40);
    expect(gauge.peak.get('a.test')).toBe(2);
    expect(gauge.peak.get('b.test')).toBe(2);
    expect(gauge.peak.get('all')).toBeLessThanOrEqual(4);
  });

  it('a task waiting for its host holds no global slot: other probes use the free ones', async () => {
    const gauge = new Gauge();
    const links = { n: 0 };
    const other = { n: 0 };
    const sources = [source(hostTasks(gauge, ['slow.test'], 10, 1, 20), links), source(plainTasks(gauge, 'other', 30, 20), other)];
    await schedule(sources, 4, never);
    expect([links.n, other.n]).toEqual([10, 30]);
    expect(gauge.peak.get('slow.test')).toBe(1);
    // At least three workers stayed free for the other probe while the host-limited one waited.
    expect(gauge.peak.get('other')).toBeGreaterThanOrEqual(3);
    expect(gauge.peak.get('all')).toBeLessThanOrEqual(4);
  });

  it('a cap applies across probes that check the same host', async () => {
    const gauge = new Gauge();
    const done = { n: 0 };
    const sources = [source(hostTasks(gauge, ['shared.test'], 12, 3, 10), done), source(hostTasks(gauge, ['shared.test'], 12, 3, 10), done)];
    await schedule(sources, 16, never);
    expect(done.n).toBe(24);
    expect(gauge.peak.get('shared.test')).toBe(3);
  });

  it('a source that takes long to yield its first task (a page loading) does not stall the others', async () => {
    const gauge = new Gauge();
    const other = { n: 0 };
    let otherDoneWhenPageLoaded = -1;
    async function* slowStart(): AsyncGenerator<PlannedTask> {
      await sleep(150);
      otherDoneWhenPageLoaded = other.n;
      yield gauge.track(['all'], 1);
    }
    await schedule([source(slowStart(), { n: 0 }), source(plainTasks(gauge, 'other', 20, 10), other)], 3, never);
    expect(otherDoneWhenPageLoaded).toBeGreaterThan(0);
    expect(other.n).toBe(20);
  });

  it('stops starting tasks once interrupted, waking workers that wait for a host', async () => {
    const gauge = new Gauge();
    const done = { n: 0 };
    const controller = new AbortController();
    setTimeout(() => controller.abort('SIGINT'), 60);
    const started = performance.now();
    await schedule([source(hostTasks(gauge, ['h.test'], 1000, 1, 20), done)], 8, controller.signal);
    expect(done.n).toBeGreaterThan(0);
    expect(done.n).toBeLessThan(1000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('a source through the run', () => {
  /** A source that logs when its tasks are asked for, each outcome recorded, and when it is done. */
  function logged(name: string, count: number, ms: number, log: string[]): TaskSource {
    return {
      tasks: () => {
        log.push(`${name} tasks`);
        return Array.from({ length: count }, () => async () => (await sleep(ms), OUTCOME));
      },
      record: () => log.push(`${name} record`),
      done: () => log.push(`${name} done`),
    };
  }

  it('is asked for its tasks once, and told it is done once, right after its last outcome while others still run', async () => {
    const log: string[] = [];
    await schedule([logged('quick', 2, 5, log), logged('slow', 6, 25, log)], 2, never);
    expect(log.filter((e) => e === 'quick tasks')).toHaveLength(1);
    expect(log.filter((e) => e === 'quick done')).toHaveLength(1);
    expect(log.filter((e) => e === 'slow done')).toHaveLength(1);
    expect(log.lastIndexOf('quick record')).toBeLessThan(log.indexOf('quick done'));
    expect(log.indexOf('quick done')).toBeLessThan(log.lastIndexOf('slow record'));
    expect(log.at(-1)).toBe('slow done');
  });

  it('is done as soon as its last outcome is recorded, not when the round-robin comes back to it', async () => {
    const log: string[] = [];
    const sources = Array.from({ length: 8 }, (_, i) => logged(`p${i}`, 1, 2, log));
    await schedule(sources, 1, never);
    for (let i = 0; i < 8; i++) expect(log.indexOf(`p${i} done`), log.join(', ')).toBe(log.indexOf(`p${i} record`) + 1);
  });

  it('once interrupted while a source is loading (a links page), opens no other source and starts nothing', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const loading: TaskSource = {
      tasks: () => {
        log.push('page tasks');
        return (async function* () {
          await sleep(40);
          yield () => (log.push('page sample'), Promise.resolve(OUTCOME));
        })();
      },
      record: () => log.push('page record'),
    };
    setTimeout(() => controller.abort('SIGINT'), 10);
    await schedule([loading, logged('other', 2, 1, log)], 1, controller.signal);
    expect(log).toEqual(['page tasks']);
  });

  it('stops on a source that throws, but first lets the tasks in flight end and be recorded', async () => {
    const log: string[] = [];
    const failing: TaskSource = {
      tasks: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => sleep(10).then(() => Promise.reject(new Error('page blew up'))) }),
      }),
      record: () => undefined,
    };
    const rejected = await schedule([logged('steady', 3, 50, log), failing], 2, never).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(rejected).toBe('page blew up');
    expect(log).toEqual(['steady tasks', 'steady record']);
  });

  it('stops at a source that throws as it is opened: no other source opens, nothing starts', async () => {
    const log: string[] = [];
    const broken: TaskSource = {
      tasks: () => {
        log.push('broken tasks');
        throw new Error('plan failed');
      },
      record: () => undefined,
    };
    const rejected = await schedule([logged('ok', 2, 5, log), broken], 2, never).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(rejected).toBe('plan failed');
    expect(log).toEqual(['broken tasks']);
  });

  it('does not pull again from a source whose pull failed, nor call it done', async () => {
    const log: string[] = [];
    const failing: TaskSource = {
      tasks: () => ({
        [Symbol.asyncIterator]: () => ({
          next: () => (log.push('next'), sleep(10).then(() => Promise.reject(new Error('page blew up')))),
        }),
      }),
      record: () => undefined,
      done: () => log.push('done'),
    };
    await expect(schedule([failing], 3, never)).rejects.toThrow('page blew up');
    expect(log).toEqual(['next']);
  });

  it('is not asked for its tasks before the scheduler wants one, nor at all once the run is interrupted', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const first = logged('first', 3, 20, log);
    const firstRecord = first.record.bind(first);
    first.record = (outcome) => {
      firstRecord(outcome);
      controller.abort('SIGINT');
    };
    await schedule([first, logged('second', 3, 20, log), logged('third', 3, 20, log)], 1, controller.signal);
    expect(log[0]).toBe('first tasks');
    expect(log).not.toContain('third tasks');
    expect(log).not.toContain('third done');
  });
});

describe('paced starts', () => {
  it('keeps `concurrency` samples in flight, starts each in its own event-loop turn, and runs them all', async () => {
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);

    let inFlight = 0;
    let maxInFlight = 0;
    const startTurns: number[] = [];
    const task: SampleTask = async () => {
      startTurns.push(turn);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(20);
      inFlight--;
      return OUTCOME;
    };
    const recorded: SampleOutcome[] = [];
    await schedule([{ tasks: () => Array.from({ length: 40 }, () => task), record: (o) => recorded.push(o) }], 8, new AbortController().signal);
    ticking = false;

    expect(recorded).toHaveLength(40);
    expect(maxInFlight).toBe(8);
    expect(new Set(startTurns).size).toBe(startTurns.length); // never two starts in one turn
  });
});
