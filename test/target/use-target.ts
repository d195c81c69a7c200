// Starts targets for a test file and closes every one of them after each test, pass or fail.
import { afterEach } from 'vitest';
import { startTarget, type RunningTarget, type TargetOptions } from '../../src/target/server.js';

/** Call once at the top of a describe; returns a start function whose targets close in afterEach. */
export function useTarget(): (options?: TargetOptions) => Promise<RunningTarget> {
  const running: RunningTarget[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((target) => target.close()));
  });
  return async (options) => {
    const target = await startTarget(options);
    running.push(target);
    return target;
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
