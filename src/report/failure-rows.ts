// The failures as rows, worst first, and the short "http_5xx×18" counts: what the terminal, the
// GitHub step summary and the JUnit report show a person.
import type { FailureClass, SampleFailure } from '../model/failure.js';
import type { ProbeResult } from '../model/result.js';
import type { ClassCounts } from '../stats/probe-stats.js';

/** Failure rows a person is shown (terminal, step summary); the JSON report has them all. */
export const MAX_FAILURE_ROWS = 20;

/** One kind of failure of one probe: where it happened, an example, and how many samples. */
export interface FailureRow {
  probe: string;
  /** The flow step, else the path (and query) of the URL. */
  where: string;
  example: SampleFailure;
  count: number;
}

/** Every probe's error groups, the most frequent first. */
export function failureRows(probes: ProbeResult[]): FailureRow[] {
  const rows = probes.flatMap((r) =>
    r.errors.map(({ example, count }) => ({ probe: r.probe.id, where: example.step ?? pathOf(example.url), example, count })),
  );
  return rows.sort((a, b) => b.count - a.count);
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Cuts text to `max` characters, ending in an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "http_5xx×18 timeout×2": the most frequent classes first. */
export function topClasses(counts: ClassCounts, limit = 2): string {
  const sorted = (Object.entries(counts) as [FailureClass, number][]).sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, limit).map(([cls, n]) => `${cls}×${n}`);
  if (sorted.length > limit) shown.push(`+${sorted.length - limit}`);
  return shown.join(' ');
}
