// Latency percentiles in bounded memory: the first values exactly, then an HDR histogram (3
// significant digits, so a reported percentile is within 0.1% of the true sample), plus exact
// min, max and mean. Either way a percentile is the one HDR gives for the same values.
import type { LatencySummary, LatencyTotal } from '../model/latency.js';
import { exactPercentileMs, newHistogram, percentileMs, US, type HdrHistogram } from '../analysis/hdr.js';
import { roundMs } from '../model/timings.js';

/**
 * Values kept exactly before an HDR histogram is made: a histogram costs 9–33 KiB whatever it
 * holds, and a run of 16,000 one-sample probes (five histograms each) peaked at 1.1 GiB when
 * every one was made up front. Below this count the exact values take far less room.
 */
export const EXACT_VALUES = 64;

export class LatencyHistogram {
  /** Until EXACT_VALUES are recorded: the values in whole microseconds; then null, and the histogram holds them. */
  private exact: number[] | null = [];
  private sorted = true;
  private histogram: HdrHistogram | null = null;
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  record(ms: number): void {
    const us = Math.max(1, Math.round(ms * US));
    if (this.exact && this.exact.length < EXACT_VALUES) {
      this.exact.push(us);
      this.sorted = false;
    } else {
      this.histogramOf().recordValue(us);
    }
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  get size(): number {
    return this.count;
  }

  /** Still its values alone (EXACT_VALUES or fewer, no HDR histogram made): a few numbers to keep. */
  get exactOnly(): boolean {
    return this.histogram === null;
  }

  /** How many latencies were recorded and their exact sum (a Prometheus summary's _count and _sum). */
  get total(): LatencyTotal {
    return { count: this.count, sumMs: this.sum };
  }

  /** The percentile in ms, clamped to the exact extremes (HDR rounds up to its bucket's edge). */
  percentile(p: number): number {
    if (!this.exact) return percentileMs(this.histogramOf(), p, this.min, this.max);
    if (!this.sorted) this.exact.sort((a, b) => a - b);
    this.sorted = true;
    return exactPercentileMs(this.exact, p, this.min, this.max);
  }

  summary(): LatencySummary | null {
    if (this.count === 0) return null;
    return {
      min: roundMs(this.min),
      mean: roundMs(this.sum / this.count),
      p50: roundMs(this.percentile(50)),
      p95: roundMs(this.percentile(95)),
      p99: roundMs(this.percentile(99)),
      max: roundMs(this.max),
    };
  }

  /** The histogram as text, by the encoder given (analysis/hdr-codec.ts); null when empty. */
  encoded(encode: (histogram: HdrHistogram) => string): string | null {
    if (this.count === 0) return null;
    if (this.histogram) return encode(this.histogram);
    // A histogram made for the encoding only: a one-sample probe keeps none between reports.
    const temporary = newHistogram();
    for (const us of this.exact ?? []) temporary.recordValue(us);
    return encode(temporary);
  }

  /** The HDR histogram, made when the exact values outgrow EXACT_VALUES (they move into it). */
  private histogramOf(): HdrHistogram {
    if (this.histogram) return this.histogram;
    const histogram = newHistogram();
    for (const us of this.exact ?? []) histogram.recordValue(us);
    this.exact = null;
    this.histogram = histogram;
    return histogram;
  }
}
