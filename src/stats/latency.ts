// Latency percentiles in constant memory: an HDR histogram (3 significant digits, so a reported
// percentile is within 0.1% of the true sample) plus exact min, max and mean.
import type { Int32Histogram as HdrHistogram } from 'hdr-histogram-js';
// The JS histogram alone: the package's index module also loads its WebAssembly build, log
// reader/writer and compression, ~50 ms at every start for nothing used here.
import Int32HistogramModule from 'hdr-histogram-js/dist/Int32Histogram.js';
import { roundMs } from '../model/timings.js';
import { decodeHistogram, encodeHistogram } from './hdr-codec.js';

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
    const value = this.histogram.getValueAtPercentile(p) / US;
    return Math.min(this.max, Math.max(this.min, value));
  }

  summary(): LatencySummary | null {
    return summarize(this, this.count, this.sum, this.min, this.max);
  }

  /** The histogram in HdrHistogram's compressed base64 form (microseconds); null when empty. */
  encoded(): string | null {
    return this.count === 0 ? null : encodeHistogram(this.histogram);
  }
}

/**
 * Latencies of one probe from several reports, merged exactly: percentiles from the sum of their
 * histograms (as if one histogram had seen every sample), min and max from their exact values,
 * the mean weighted by each report's count.
 */
export class MergedLatency {
  private readonly histogram = newHistogram();
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  /** Adds one report's histogram (compressed base64) and its exact summary; throws on a bad histogram. */
  add(encoded: string, exact: Pick<LatencySummary, 'min' | 'max' | 'mean'>): void {
    const histogram = decodeHistogram(encoded);
    const n = histogram.totalCount;
    if (n === 0) return;
    this.histogram.add(histogram);
    this.count += n;
    this.sum += exact.mean * n;
    if (exact.min < this.min) this.min = exact.min;
    if (exact.max > this.max) this.max = exact.max;
  }

  percentile(p: number): number {
    const value = this.histogram.getValueAtPercentile(p) / US;
    return Math.min(this.max, Math.max(this.min, value));
  }

  summary(): LatencySummary | null {
    return summarize(this, this.count, this.sum, this.min, this.max);
  }

  encoded(): string | null {
    return this.count === 0 ? null : encodeHistogram(this.histogram);
  }
}

function summarize(h: { percentile(p: number): number }, count: number, sum: number, min: number, max: number): LatencySummary | null {
  if (count === 0) return null;
  return {
    min: roundMs(min),
    mean: roundMs(sum / count),
    p50: roundMs(h.percentile(50)),
    p95: roundMs(h.percentile(95)),
    p99: roundMs(h.percentile(99)),
    max: roundMs(max),
  };
}
