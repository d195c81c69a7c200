// Seeded, order-independent randomness for the target's scenarios.

/**
 * A number in [0, 1) fixed by (seed, key, index), so "the k-th request to route r" always gets
 * the same draw, whatever order requests arrive in. FNV-1a over the text, then murmur3's finaliser.
 */
export function unitHash(seed: number, key: string, index: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}\u0000${key}\u0000${index}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
