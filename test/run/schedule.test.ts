// The scheduler: concurrency is reached, and sample starts are spread one per event-loop turn.
import { describe, expect, it } from 'vitest';
import { emptyPhases } from '../../src/model/timings.js';
import type { SampleOutcome } from '../../src/model/sample.js';
import type { SampleTask } from '../../src/probes/runner.js';
import { schedule } from '../../src/run/schedule.js';

const outcome: SampleOutcome = { latencyMs: 1, phases: emptyPhases(), failure: null };

describe('schedule', () => {
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
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return outcome;
    };
    const recorded: SampleOutcome[] = [];
    await schedule([{ tasks: Array.from({ length: 40 }, () => task), record: (o) => recorded.push(o) }], 8, new AbortController().signal);
    ticking = false;

    expect(recorded).toHaveLength(40);
    expect(maxInFlight).toBe(8);
    expect(new Set(startTurns).size).toBe(startTurns.length); // never two starts in one turn
  });
});
