// `upprobe history`: the runs a --record file holds, as a table and one failure-rate sparkline
// per surface, so a person sees at a glance when the API (or the web) started failing.
import { Chalk } from 'chalk';
import { z } from 'zod';
import { SURFACES, type Surface } from '../model/surface.js';
import { formatMs } from './describe.js';
import { escapeTerminal } from './escape.js';
import { table } from './table.js';
import { percent } from './verdict.js';

const surfaceSchema = z.object({ probes: z.number(), failedProbes: z.number(), failureRate: z.number() });

/** The fields of a recorded JSON report that history reads; anything else in the line is ignored. */
const runSchema = z.object({
  schemaVersion: z.literal(1),
  vantage: z.string().nullable(),
  startedAt: z.iso.datetime(),
  durationMs: z.number(),
  exitCode: z.number(),
  interrupted: z.boolean().optional(),
  summary: z.object({
    probes: z.number(),
    failed: z.number(),
    flakySamples: z.number().optional(),
    surfaces: z.object({ api: surfaceSchema, web: surfaceSchema }),
  }),
  // What failed: each probe's id, verdict and classes (older records without them still read).
  probes: z.array(z.object({ id: z.string(), passed: z.boolean(), failuresByClass: z.record(z.string(), z.number()).optional() })).optional(),
});

/** One recorded run, as history shows it. */
export type HistoryRun = z.output<typeof runSchema>;

/** A line of a --record file as a run, or null when it is not one (cut short, edited, another tool's). */
export function parseRun(line: string): HistoryRun | null {
  try {
    const parsed = runSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const BARS = '▁▂▃▄▅▆▇█';

/** A failure rate as one bar: only 0% is the lowest bar, any failure shows at least the second. */
function bar(rate: number): string {
  if (rate <= 0) return BARS[0] ?? '';
  return BARS[Math.min(BARS.length - 1, Math.max(1, Math.ceil(rate * (BARS.length - 1))))] ?? '';
}

/** "2026-03-10 10:05:00": minutes matter in a record written every minute; the header says UTC. */
function when(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

function countRuns(n: number): string {
  return `${n} run${n === 1 ? '' : 's'}`;
}

/** One line per surface: bars oldest → newest, then since when it has been failing. */
function sparkline(runs: HistoryRun[], surface: Surface): string | null {
  const probed = runs.filter((r) => r.summary.surfaces[surface].probes > 0);
  if (probed.length === 0) return null;
  // "·": the surface was not probed in that run (--surface, --only).
  const bars = runs.map((r) => (r.summary.surfaces[surface].probes > 0 ? bar(r.summary.surfaces[surface].failureRate) : '·')).join('');
  const failing = (r: HistoryRun) => r.summary.surfaces[surface].failureRate > 0;
  let note: string;
  const last = probed[probed.length - 1];
  if (last && failing(last)) {
    let start = probed.length - 1;
    while (start > 0 && failing(probed[start - 1]!)) start--;
    note = start === 0 ? `failing in every run shown (${countRuns(probed.length)})` : `failing since ${when(probed[start]!.startedAt)} (${countRuns(probed.length - start)})`;
  } else {
    const lastFailure = [...probed].reverse().find(failing);
    note = lastFailure ? `last failure ${when(lastFailure.startedAt)}` : `no failures in ${countRuns(probed.length)}`;
  }
  return `${surface.padEnd(4)} ${bars}  ${note}`;
}

/** Most failing probes to name in a row before `+N more`: the row stays one line. */
const NAMED_PROBES = 3;

/** `api-timeline http_5xx, login capture +2 more`: the failing probes of a run with their top class. */
function whatFailed(run: HistoryRun): string {
  const failing = (run.probes ?? []).filter((p) => !p.passed);
  const named = failing.slice(0, NAMED_PROBES).map((p) => {
    const top = Object.entries(p.failuresByClass ?? {}).sort((a, b) => b[1] - a[1])[0];
    return top ? `${p.id} ${top[0]}` : p.id;
  });
  const more = failing.length > NAMED_PROBES ? ` +${failing.length - NAMED_PROBES} more` : '';
  return `${named.join(', ')}${more}`;
}

/** The history report: runs oldest first (the newest sits by the prompt), then the sparklines. */
export function renderHistory(runs: HistoryRun[], options: { color: boolean; skipped: number; file: string }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const skipped = options.skipped > 0 ? `skipped ${options.skipped} malformed line${options.skipped === 1 ? '' : 's'} in ${options.file}\n` : '';
  if (runs.length === 0) return `${skipped}no runs recorded in ${options.file} yet\n`;
  const withVantage = runs.some((r) => r.vantage !== null);
  const head = ['started (UTC)', ...(withVantage ? ['vantage'] : []), 'result', 'probes failing', 'api fail %', 'web fail %', 'flaky', 'took', 'what failed'];
  const t = table(head, c, ['left', ...(withVantage ? ['left' as const] : []), 'left', 'right', 'right', 'right', 'right', 'right', 'left']);
  for (const run of runs) {
    const { summary } = run;
    const word = run.interrupted ? 'INTERRUPTED' : summary.failed > 0 ? 'FAIL' : 'PASS';
    const rate = (s: Surface) => (summary.surfaces[s].probes > 0 ? percent(summary.surfaces[s].failureRate) : '-');
    t.push([
      when(run.startedAt),
      // A record file is outside text: its vantage must not drive the terminal.
      ...(withVantage ? [run.vantage === null ? '-' : escapeTerminal(run.vantage)] : []),
      word === 'PASS' ? c.green(word) : c.red(word),
      `${summary.failed}/${summary.probes}`,
      rate('api'),
      rate('web'),
      String(summary.flakySamples ?? 0),
      formatMs(run.durationMs),
      c.red(whatFailed(run)),
    ]);
  }
  const lines = SURFACES.map((s) => sparkline(runs, s)).filter((l): l is string => l !== null);
  return `${t.toString()}\n\n${lines.join('\n')}\n${skipped}`;
}
