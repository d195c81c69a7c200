// Latency percentiles in constant memory: an HDR histogram (3 significant digits, so a reported
// percentile is within 0.1% of the true sample) plus exact min, max and mean.
import type { Int32Histogram as HdrHistogram } from 'hdr-histogram-js';
// The JS histogram alone: the package's index module also loads its WebAssembly build, log
// reader/writer and compression, ~50 ms at every start for nothing used here.
import Int32HistogramModule from 'hdr-histogram-js/dist/Int32Histogram.js';
import type { LatencySummary, LatencyTotal } from '../model/latency.js';
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
}
