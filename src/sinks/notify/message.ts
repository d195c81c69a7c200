// A notification's body: SPEC's `{ text, surface, from, to, headline, vantage, at }`, where `text`
// is the one line a Slack or Mattermost incoming webhook shows. No links: the message must read
// the same in a chat, a pager or a mail, and a link could carry what should not leave.
import { headlineOf, type SurfaceState } from '../../analysis/surface-state.js';
import type { RunResult } from '../../model/result.js';
import type { Surface } from '../../model/surface.js';

export interface NotificationBody {
  text: string;
  surface: Surface;
  from: SurfaceState;
  to: SurfaceState;
  /** The diagnosis headline, or (for a run without a diagnosis) what failed, in a few words. */
  headline: string | null;
  vantage: string | null;
  /** When the run that confirmed the change started (ISO 8601, UTC). */
  at: string;
}

const SURFACE_NAMES: Record<Surface, string> = { api: 'App API', web: 'Website' };

export function notificationBody(result: RunResult, surface: Surface, from: SurfaceState, to: SurfaceState): NotificationBody {
  const recovered = to === 'up';
  const headline = recovered ? null : (headlineOf(result) ?? whatFailed(result, surface));
  const where = result.vantage ? ` from ${result.vantage}` : '';
  const text = recovered
    ? `upprobe: ${SURFACE_NAMES[surface]} (${surface}) is up again (was ${from})${where}`
    : `upprobe: ${SURFACE_NAMES[surface]} (${surface}) is ${to.toUpperCase()} (was ${from})${where}${headline ? `: ${headline}` : ''}`;
  return { text: oneLine(text), surface, from, to, headline, vantage: result.vantage, at: result.startedAt.toISOString() };
}

/** For a run without a diagnosis: `2 of 3 probes failing (http_5xx), 67% of samples`. */
function whatFailed(result: RunResult, surface: Surface): string {
  const s = result.summary.surfaces[surface];
  const top = Object.entries(s.failuresByClass).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
  const cls = top ? ` (${top[0]})` : '';
  return `${s.failedProbes} of ${s.probes} probes failing${cls}, ${Math.round(s.failureRate * 100)}% of samples`;
}

/** A chat line: no line breaks (a probe id or vantage could hold one), no runaway length. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
