// HDR histograms, the one store of latencies: constant memory, 3 significant digits (a percentile
// is within 0.1% of the true sample). Their text form is hdr-codec.ts, loaded only when needed.
import type { Int32Histogram as HdrHistogram } from 'hdr-histogram-js';
// The JS histogram alone: the package's index module also loads its WebAssembly build, log
// reader/writer and compression, ~50 ms at every start for nothing used here.
import Int32HistogramModule from 'hdr-histogram-js/dist/Int32Histogram.js';
import type { LatencySummary } from '../model/latency.js';
import { roundMs } from '../model/timings.js';

export type { HdrHistogram };

/** Node hands an ES importer the CommonJS `exports` ({ default: class }); vitest unwraps it to the class. */
const Int32Histogram: typeof HdrHistogram =
  (Int32HistogramModule as Partial<typeof Int32HistogramModule>).default ?? (Int32HistogramModule as unknown as typeof HdrHistogram);

/** Microseconds per millisecond: the histograms count whole microseconds. */
export const US = 1000;

/** What hdr.build() makes by default: 32-bit counts, resized as values grow. */
export function newHistogram(): HdrHistogram {
  const histogram = new Int32Histogram(1, 2, 3);
  histogram.autoResize = true;
  return histogram;
}

/** The percentile in ms, clamped to the exact extremes (HDR rounds up to its bucket's edge). */
export function percentileMs(histogram: HdrHistogram, p: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, histogram.getValueAtPercentile(p) / US));
}

/** Only its bucket layout is used (which values HDR counts as equal); it never records a value. */
const LAYOUT = newHistogram();

/**
 * The percentile HDR would give for these values (whole microseconds, sorted), without making a
 * histogram: the value at HDR's rank, rounded to the edge of its bucket as HDR does, in ms and
 * clamped to the exact extremes. A few values cost a few numbers instead of a 9 KiB histogram.
 */
export function exactPercentileMs(sortedUs: readonly number[], p: number, min: number, max: number): number {
  if (sortedUs.length === 0) return 0;
  const requested = Math.min(p, 100);
  // HDR's own rounding: the count at the percentile, one ulp down, rounded up, at least one.
  const fpCount = (requested / 100) * sortedUs.length;
  const ulp = fpCount > 0 ? 2 ** (Math.floor(Math.log2(fpCount)) - 52) : 0;
  const rank = Math.max(Math.ceil(fpCount - ulp), 1);
  const value = sortedUs[Math.min(rank, sortedUs.length) - 1] ?? 0;
  const edge = p === 0 ? LAYOUT.lowestEquivalentValue(value) : LAYOUT.highestEquivalentValue(value);
  return Math.min(max, Math.max(min, edge / US));
}

/** The summary reports carry, from a histogram and the exact count, sum, min and max beside it. */
export function summarize(histogram: HdrHistogram, count: number, sum: number, min: number, max: number): LatencySummary | null {
  if (count === 0) return null;
  return {
    min: roundMs(min),
    mean: roundMs(sum / count),
    p50: roundMs(percentileMs(histogram, 50, min, max)),
    p95: roundMs(percentileMs(histogram, 95, min, max)),
    p99: roundMs(percentileMs(histogram, 99, min, max)),
    max: roundMs(max),
  };
}
