// How failures are counted in a result: per class, and grouped into distinct example errors.
import type { FailureClass, SampleFailure } from './failure.js';

/** Failures per SPEC class; a class that never happened is absent. */
export type ClassCounts = Partial<Record<FailureClass, number>>;

/** Samples that failed the same way: one example and how many. */
export interface ErrorGroup {
  example: SampleFailure;
  count: number;
}

export function increment(counts: ClassCounts, cls: FailureClass, by = 1): void {
  counts[cls] = (counts[cls] ?? 0) + by;
}
