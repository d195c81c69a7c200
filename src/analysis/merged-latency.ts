// Latencies of one probe from several reports, merged exactly: percentiles from the sum of their
// histograms (as if one histogram had seen every sample), min and max from their exact values,
// the mean weighted by each report's count.
import type { LatencySummary } from '../model/latency.js';
import { decodeHistogram, encodeHistogram } from './hdr-codec.js';
import { newHistogram, summarize } from './hdr.js';

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

  summary(): LatencySummary | null {
    return summarize(this.histogram, this.count, this.sum, this.min, this.max);
  }

  encoded(): string | null {
    return this.count === 0 ? null : encodeHistogram(this.histogram);
  }
}
