import { describe, expect, it } from 'vitest';
import { unitHash } from '../../src/target/random.js';

describe('unitHash', () => {
  it('is a pure function of seed, key and index', () => {
    expect(unitHash(7, 'api-timeline', 3)).toBe(unitHash(7, 'api-timeline', 3));
    expect(unitHash(7, 'api-timeline', 3)).not.toBe(unitHash(8, 'api-timeline', 3));
    expect(unitHash(7, 'api-timeline', 3)).not.toBe(unitHash(7, 'api-health', 3));
  });

  it('spreads evenly over [0, 1)', () => {
    const draws = Array.from({ length: 10_000 }, (_, index) => unitHash(1, 'route', index));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
