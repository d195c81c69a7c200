// The order broken links are shown in: the most useful first, the same in the table and the JSON.
import { precedence } from '../model/failure.js';
import type { ErrorGroup } from '../model/counts.js';

/**
 * A links probe's errors, worst first: its page (nothing else could be checked without it), then
 * by SPEC precedence (a host that does not resolve before a 404), then longer redirect chains,
 * then by URL so that two runs list the same links in the same order.
 */
export function worstLinksFirst(errors: readonly ErrorGroup[]): ErrorGroup[] {
  const rank = ({ example }: ErrorGroup) => (example.step === null ? 1 : 0);
  return [...errors].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      precedence(a.example.failure.class) - precedence(b.example.failure.class) ||
      (b.example.hops?.length ?? 0) - (a.example.hops?.length ?? 0) ||
      a.example.url.localeCompare(b.example.url),
  );
}
