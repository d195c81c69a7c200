// Latency percentiles in constant memory: an HDR histogram (3 significant digits, so a reported
// percentile is within 0.1% of the true sample) plus exact min, max and mean.
import type { LatencySummary, LatencyTotal } from '../model/latency.js';
import { newHistogram, percentileMs, summarize, US, type HdrHistogram } from '../analysis/hdr.js';

export class LatencyHistogram {
  private readonly histogram = newHistogram();
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * US)));
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  get size(): number {
    return this.count;
  }

  /** How many latencies were recorded and their exact sum (a Prometheus summary's _count and _sum). */
  get total(): LatencyTotal {
    return { count: this.count, sumMs: this.sum };
  }

  /** The percentile in ms, clamped to the exact extremes (HDR rounds up to its bucket's edge). */
  percentile(p: number): number {
    return percentileMs(this.histogram, p, this.min, this.max);
  }

  summary(): LatencySummary | null {
    return summarize(this.histogram, this.count, this.sum, this.min, this.max);
  }

  /** The histogram as text, by the encoder given (analysis/hdr-codec.ts); null when empty. */
  encoded(encode: (histogram: HdrHistogram) => string): string | null {
    return this.count === 0 ? null : encode(this.histogram);
  }
}
