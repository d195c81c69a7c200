// Latency figures as results carry them (computed by run/latency-histogram.ts), in milliseconds.

export interface LatencySummary {
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Count and exact sum of what a histogram recorded: what a total across runs is built from. */
export interface LatencyTotal {
  count: number;
  sumMs: number;
}
