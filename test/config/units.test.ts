import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/probes/load.js';
import { parseRate } from '../../src/config/rate.js';
import { parseSize } from '../../src/config/size.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5000],
    ['1m', 60_000],
    ['1.5s', 1500],
    ['0.5m', 30_000],
    ['300', 300],
    [' 2s ', 2000],
    [750, 750],
  ] as const)('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'fast', '5 secs', '-1s', '1h', '1e3', 's', '1.s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('rejects negative and non-finite numbers', () => {
    expect(parseDuration(-5)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('parseRate', () => {
  it.each([
    ['95%', 0.95],
    ['100%', 1],
    ['99.9%', 0.999],
    ['0%', 0],
    [0.5, 0.5],
    [1, 1],
  ] as const)('%j is %d', (value, rate) => {
    expect(parseRate(value)).toBeCloseTo(rate, 10);
  });

  it.each(['95', '101%', 'all', '%'])('rejects %j', (value) => {
    expect(parseRate(value)).toBeUndefined();
  });

  it('rejects numbers outside 0..1 (95 is not 95%)', () => {
    expect(parseRate(95)).toBeUndefined();
    expect(parseRate(-0.1)).toBeUndefined();
  });
});

describe('parseSize', () => {
  it.each([
    ['1MiB', 1_048_576],
    ['512KiB', 524_288],
    ['100kB', 100_000],
    ['100KB', 100_000],
    ['2mb', 2_000_000],
    ['1GiB', 1024 ** 3],
    ['1.5KiB', 1536],
    ['42', 42],
    ['42B', 42],
    [4096, 4096],
  ] as const)('%j is %d bytes', (value, bytes) => {
    expect(parseSize(value)).toBe(bytes);
  });

  it.each(['big', '1 TiB', '-1KiB', 'KiB'])('rejects %j', (value) => {
    expect(parseSize(value)).toBeUndefined();
  });
});
