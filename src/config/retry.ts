// Retry settings for a probe of any kind: the probe's own, else the file's defaults, else none.
import type { RetryPolicy } from './types.js';
import { BUILT_IN, type ResolvedDefaults } from './defaults.js';

/** What a probe's input says about retries (every kind's schema has these two fields). */
export interface RetryInput {
  retries?: number;
  retryDelay?: number;
}

/** The probe's retry policy; every kind's loader calls this, so retries work the same for all. */
export function resolveRetry(probe: RetryInput, defaults: ResolvedDefaults): RetryPolicy {
  return {
    retries: probe.retries ?? defaults.retries ?? BUILT_IN.retries,
    delayMs: probe.retryDelay ?? defaults.retryDelay ?? BUILT_IN.retryDelayMs,
  };
}
