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
    // A link on another host than the page (or than most links) shows its host: a bare path would point at the wrong site.
    const home = links ? homeOrigin(r) : null;
    return kept.map(({ example, count }) => {
      const path = home !== null ? linkText(example.url, home) : pathOf(example.url);
      const where = example.step === null ? path : links ? `${example.step} ${path}` : example.step;
      return { probe: r.probe.id, where, example, count };
    });
  });
  // Stable: a links probe's rows keep their worst-first order among equal counts.
  return { rows: rows.sort((a, b) => b.count - a.count), hidden };
}

/** The page's origin, else the origin most of the probe's failing links share. */
function homeOrigin(r: ProbeResult): string | null {
  const page = r.kindData?.kind === 'links' ? r.kindData.links.page : null;
  if (page !== null && URL.canParse(page)) return new URL(page).origin;
  const counts = new Map<string, number>();
  for (const { example } of r.errors) if (URL.canParse(example.url)) counts.set(new URL(example.url).origin, (counts.get(new URL(example.url).origin) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** A link's path on the home origin; elsewhere its host and path (and scheme, if that differs too). */
function linkText(url: string, home: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  if (u.origin === home) return u.pathname + u.search;
  const sameScheme = URL.canParse(home) && new URL(home).protocol === u.protocol;
  return `${sameScheme ? '' : `${u.protocol}//`}${u.host}${u.pathname}${u.search}`;
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
