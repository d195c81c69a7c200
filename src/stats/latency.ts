// Latency percentiles in bounded memory: the first values exactly, then an HDR histogram (3
// significant digits, so a reported percentile is within 0.1% of the true sample), plus exact
// min, max and mean.
import type { Int32Histogram as HdrHistogram } from 'hdr-histogram-js';
// The JS histogram alone: the package's index module also loads its WebAssembly build, log
// reader/writer and compression, ~50 ms at every start for nothing used here.
import Int32HistogramModule from 'hdr-histogram-js/dist/Int32Histogram.js';
import { roundMs } from '../model/timings.js';

/** Node hands an ES importer the CommonJS `exports` ({ default: class }); vitest unwraps it to the class. */
const Int32Histogram: typeof HdrHistogram =
  (Int32HistogramModule as Partial<typeof Int32HistogramModule>).default ?? (Int32HistogramModule as unknown as typeof HdrHistogram);

/** What hdr.build() makes by default: 32-bit counts, resized as values grow. */
function newHistogram(): HdrHistogram {
  const histogram = new Int32Histogram(1, 2, 3);
  histogram.autoResize = true;
  return histogram;
}

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

/** Microseconds per millisecond: the histogram counts whole microseconds. */
const US = 1000;

/**
 * Values kept exactly before an HDR histogram is made: a histogram costs 9–33 KiB whatever it
 * holds, and a run of 16,000 one-sample probes (five histograms each) peaked at 1.1 GiB when
 * every one was made up front. Below this count the exact values take less room, and give the
 * exact nearest-rank percentile (HDR's is within 0.1% of it).
 */
export const EXACT_VALUES = 64;

export class LatencyHistogram {
  /** Until EXACT_VALUES are recorded: the values in ms; then null, and the histogram holds them. */
  private exact: number[] | null = [];
  private sorted = true;
  private histogram: HdrHistogram | null = null;
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  record(ms: number): void {
    if (this.exact && this.exact.length < EXACT_VALUES) {
      this.exact.push(ms);
      this.sorted = false;
    } else {
      this.histogramOf().recordValue(toMicroseconds(ms));
    }
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

  /** The percentile in ms (nearest rank), clamped to the exact extremes (HDR rounds up to its bucket's edge). */
  percentile(p: number): number {
    if (this.exact) {
      if (!this.sorted) this.exact.sort((a, b) => a - b);
      this.sorted = true;
      const rank = Math.max(1, Math.ceil((Math.min(p, 100) / 100) * this.exact.length));
      return this.exact[rank - 1] ?? 0;
    }
    const value = this.histogramOf().getValueAtPercentile(p) / US;
    return Math.min(this.max, Math.max(this.min, value));
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

  /** The HDR histogram, made when the exact values outgrow EXACT_VALUES (they move into it). */
  private histogramOf(): HdrHistogram {
    if (this.histogram) return this.histogram;
    const histogram = newHistogram();
    for (const ms of this.exact ?? []) histogram.recordValue(toMicroseconds(ms));
    this.exact = null;
    this.histogram = histogram;
    return histogram;
  }
}

/** The histogram counts whole microseconds, at least one. */
function toMicroseconds(ms: number): number {
  return Math.max(1, Math.round(ms * US));
}
