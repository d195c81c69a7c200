// timingConfidence: a run whose own event loop lagged says so.
import { describe, expect, it } from 'vitest';
import { DISTORTING_LAG_MS, watchEventLoop } from '../../src/run/loop-lag.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('watchEventLoop', () => {
  it('flags a run whose event loop was blocked well past the threshold', async () => {
    const watch = watchEventLoop();
    for (let i = 0; i < 5; i++) {
      busy(DISTORTING_LAG_MS * 8);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const { eventLoopDelayMs, distorted } = watch.stop();
    expect(distorted).toBe(true);
    expect(eventLoopDelayMs.max).toBeGreaterThan(DISTORTING_LAG_MS);
    expect(eventLoopDelayMs.p99).toBeLessThanOrEqual(eventLoopDelayMs.max);
  });

  it('reports zeros, not garbage, for a run too short to sample', () => {
    expect(watchEventLoop().stop()).toEqual({ eventLoopDelayMs: { p50: 0, p99: 0, max: 0 }, distorted: false });
  });
});
