// Starts targets for a test file and closes every one of them after each test, pass or fail.
import { startTarget, type RunningTarget, type TargetOptions } from '../../src/target/server.js';
import { closeAfterEach, keep } from '../helpers/servers.js';

/** Call once at the top of a describe; returns a start function whose targets close after each test. */
export function useTarget(): (options?: TargetOptions) => Promise<RunningTarget> {
  closeAfterEach();
  return (options) => keep(startTarget(options));
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
