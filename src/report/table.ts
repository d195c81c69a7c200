// The terminal report: probe table, surface table (API beside web), failures table, verdict.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { SURFACES } from '../config/types.js';
import type { FailureClass } from '../model/failure.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import type { ClassCounts } from '../stats/probe-stats.js';
import { describeFailure, formatMs } from './describe.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { percent, verdictLine } from './verdict.js';

/** Failure rows shown in the terminal; the JSON report has them all. */
const MAX_FAILURE_ROWS = 20;

/** Borderless, two spaces between columns: reads well at 80 columns and pastes into chat. */
const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

function table(head: string[], c: ChalkInstance, align: ('left' | 'right')[]): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: align,
  });
}

/** "http_5xx×18 timeout×2": the most frequent classes first. */
export function topClasses(counts: ClassCounts, limit = 2): string {
  const sorted = (Object.entries(counts) as [FailureClass, number][]).sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, limit).map(([cls, n]) => `${cls}×${n}`);
  if (sorted.length > limit) shown.push(`+${sorted.length - limit}`);
  return shown.join(' ');
}

function probeTable(probes: ProbeResult[], c: ChalkInstance): string {
  const t = table(['probe', 'kind', 'surface', 'samples', 'ok %', 'p50', 'p95', 'p99', 'max', 'failures'], c, [
    'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left',
  ]);
  for (const r of probes) {
    const ms = (v: number | undefined) => (v === undefined ? '-' : formatMs(v));
    const ok = r.successRate === null ? '-' : percent(r.successRate);
    t.push([
      r.passed ? c.green(r.probe.id) : c.red(r.probe.id),
      r.probe.kind,
      r.probe.surface,
      String(r.samples),
      r.passed ? ok : c.red(ok),
      ms(r.latencyMs?.p50),
      ms(r.latencyMs?.p95),
      ms(r.latencyMs?.p99),
      ms(r.latencyMs?.max),
      c.red(topClasses(r.failuresByClass)),
    ]);
  }
  return t.toString();
}

function surfaceTable(result: RunResult, c: ChalkInstance): string {
  const t = table(['surface', 'probes failing', 'samples failing', 'failure %', 'top classes'], c, ['left', 'right', 'right', 'right', 'left']);
  for (const name of SURFACES) {
    const s = result.summary.surfaces[name];
    if (s.probes === 0) continue;
    const paint = s.failedProbes > 0 ? c.red : c.green;
    t.push([paint(name), `${s.failedProbes}/${s.probes}`, `${s.failedSamples}/${s.samples}`, paint(percent(s.failureRate)), topClasses(s.failuresByClass, 3)]);
  }
  return t.toString();
}

function failureTable(probes: ProbeResult[], c: ChalkInstance, columns: number): string | null {
  const rows = probes.flatMap((r) =>
    r.errors.map(({ example, count }) => ({ probe: r.probe.id, where: example.step ?? pathOf(example.url), example, count })),
  );
  if (rows.length === 0) return null;
  rows.sort((a, b) => b.count - a.count);
  const shown = rows.slice(0, MAX_FAILURE_ROWS).map((row) => ({ ...row, where: truncate(row.where, 28) }));
  // The message takes what the other columns leave of the terminal's width (2 spaces between columns).
  const widest = (texts: string[]) => Math.max(...texts.map((x) => x.length));
  const used =
    widest(['probe', ...shown.map((r) => r.probe)]) +
    widest(['step or link', ...shown.map((r) => r.where)]) +
    widest(['class', ...shown.map((r) => r.example.failure.class)]) +
    widest(['count', ...shown.map((r) => `×${r.count}`)]) +
    8;
  const room = Math.max(30, columns - used);
  const t = table(['probe', 'step or link', 'class', 'count', 'example'], c, ['left', 'left', 'left', 'right', 'left']);
  for (const row of shown) {
    t.push([row.probe, row.where, c.red(row.example.failure.class), `×${row.count}`, truncate(describeFailure(row.example.failure), room)]);
  }
  const more = rows.length > MAX_FAILURE_ROWS ? `\n… ${rows.length - MAX_FAILURE_ROWS} more in the JSON report (--json)` : '';
  return t.toString() + more;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Said when upprobe's own event loop lagged enough to inflate the latencies it measured. */
function lagWarning({ timingConfidence: { distorted, eventLoopDelayMs: lag } }: RunResult): string | null {
  if (!distorted) return null;
  return `warning: upprobe's event loop lagged (p99 ${formatMs(lag.p99)}, max ${formatMs(lag.max)}): latencies may be inflated by up to that much; lower --concurrency or run on a less busy machine`;
}

export const tableReporter: Reporter = {
  render(result: RunResult, options: RenderOptions): string {
    const c = new Chalk({ level: options.color ? 1 : 0 });
    const blocks = [probeTable(result.probes, c), surfaceTable(result, c)];
    const failures = failureTable(result.probes, c, options.columns);
    if (failures) blocks.push(failures);
    const lag = lagWarning(result);
    if (lag) blocks.push(c.yellow(lag));
    const verdict = verdictLine(result);
    blocks.push(result.exitCode === 0 ? c.green.bold(verdict) : c.red.bold(verdict));
    return `${blocks.join('\n\n')}\n`;
  },
};

export const quietReporter: Reporter = {
  render: (result) => `${verdictLine(result)}\n`,
};
