// Histograms from several reports merge exactly: the merged percentiles are those of one
// histogram that saw every sample (SPEC: `latencyHistogram`, `upprobe merge`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/run/latency-histogram.js';
import { MergedLatency } from '../../src/analysis/merged-latency.js';
import { decodeHistogram, encodeHistogram } from '../../src/analysis/hdr-codec.js';

describe('MergedLatency', () => {
  it('gives the same summary as one histogram fed every sample, on random data', () => {
    const latencies = fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 });
    fc.assert(
      fc.property(fc.array(latencies, { minLength: 1, maxLength: 5 }), (parts) => {
        const whole = new LatencyHistogram();
        const merged = new MergedLatency();
        for (const part of parts) {
          const one = new LatencyHistogram();
          for (const ms of part) {
            one.record(ms);
            whole.record(ms);
          }
          const encoded = one.encoded(encodeHistogram);
          const summary = one.summary();
          if (encoded === null || summary === null) throw new Error('a non-empty histogram has a summary');
          merged.add(encoded, summary);
        }
        const expected = whole.summary();
        const actual = merged.summary();
        expect(actual).not.toBeNull();
        expect({ ...actual, mean: undefined }).toEqual({ ...expected, mean: undefined });
        // The mean comes from each report's mean, rounded to 0.1 ms, then rounded again: within 0.1 ms.
        expect(Math.abs(actual!.mean - expected!.mean)).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('encodes in HdrHistogram compressed base64 that decodes to the same counts', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 10);
    const encoded = h.encoded(encodeHistogram);
    expect(encoded).toMatch(/^HISTFAA/); // the V2 compressed cookie, base64
    expect(decodeHistogram(encoded!).totalCount).toBe(1000);
    expect(new LatencyHistogram().encoded(encodeHistogram)).toBeNull();
  });

  it('refuses text that is not a histogram', () => {
    expect(() => new MergedLatency().add('bm90IGEgaGlzdG9ncmFt', { min: 1, max: 2, mean: 1.5 })).toThrow();
  });
});
