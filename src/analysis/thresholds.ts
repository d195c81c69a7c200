// Decides whether a probe passed: each configured threshold against what was measured.
import type { LatencySummary } from '../model/latency.js';
import type { ThresholdResult, Thresholds } from '../model/thresholds.js';

export function evaluateThresholds(limits: Thresholds, successRate: number | null, latency: LatencySummary | null): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  if (limits.successRate !== undefined) {
    results.push({ name: 'successRate', limit: limits.successRate, actual: successRate, passed: successRate !== null && successRate >= limits.successRate });
  }
  // A latency limit with no response to measure fails: "no answer" is not "fast enough".
  const latencyLimit = (name: 'p95' | 'p99', limit: number | undefined) => {
    if (limit === undefined) return;
    const actual = latency ? latency[name] : null;
    results.push({ name, limit, actual, passed: actual !== null && actual <= limit });
  };
  latencyLimit('p95', limits.p95Ms);
  latencyLimit('p99', limits.p99Ms);
  return results;
}
