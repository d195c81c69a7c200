// A probe's pass/fail limits, and how each fared: part of the probe's config and of its result.

export interface Thresholds {
  /** Fraction 0..1 of samples that must pass. */
  successRate?: number;
  p95Ms?: number;
  p99Ms?: number;
}

export interface ThresholdResult {
  name: 'successRate' | 'p95' | 'p99';
  /** A fraction for successRate, milliseconds for latencies (SPEC). */
  limit: number;
  actual: number | null;
  passed: boolean;
}
