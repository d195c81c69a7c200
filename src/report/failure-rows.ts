// The failures as rows, worst first, and the short "http_5xx×18" counts: what the terminal, the
// GitHub step summary and the JUnit report show a person.
import type { FailureClass, SampleFailure } from '../model/failure.js';
import type { ProbeResult } from '../model/result.js';
import type { ClassCounts } from '../model/counts.js';
import { worstLinksFirst } from './worst-links.js';

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

/** Broken links shown per links probe (worst first), so one broken page cannot fill the table. */
export const MAX_LINK_ROWS = 10;

/** The rows to show, the most frequent first, and how many a links probe's cap left out. */
export interface FailureRows {
  rows: FailureRow[];
  hidden: number;
}

/** Every probe's error groups; a links probe's worst links only (the JSON report has them all). */
export function failureRows(probes: ProbeResult[]): FailureRows {
  let hidden = 0;
  const rows = probes.flatMap((r) => {
    const links = r.probe.kind === 'links';
    const groups = links ? worstLinksFirst(r.errors) : r.errors;
    const kept = links ? groups.slice(0, MAX_LINK_ROWS) : groups;
    hidden += groups.length - kept.length;
    return kept.map(({ example, count }) => {
      const path = pathOf(example.url);
      const where = example.step === null ? path : links ? `${example.step} ${path}` : example.step;
      return { probe: r.probe.id, where, example, count };
    });
  });
  // Stable: a links probe's rows keep their worst-first order among equal counts.
  return { rows: rows.sort((a, b) => b.count - a.count), hidden };
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
