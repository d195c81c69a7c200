// The terminal report: probe table, step table (flows), surface table (API beside web), failures
// table, verdict.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { SURFACES } from '../config/types.js';
import type { FailureClass } from '../model/failure.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import type { ClassCounts, ErrorGroup } from '../stats/probe-stats.js';
import { describeChain, describeFailure, formatMs } from './describe.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { percent, verdictLine } from './verdict.js';
import { worstLinksFirst } from './worst-links.js';

/** Failure rows shown in the terminal; the JSON report has them all. */
const MAX_FAILURE_ROWS = 20;

/** Broken links shown per links probe (worst first), so one broken page cannot fill the table. */
const MAX_LINK_ROWS = 10;

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

/** Flows only: each step's latency and failures, e.g. `login › submit … http_5xx×20`. */
function stepTable(probes: ProbeResult[], c: ChalkInstance): string | null {
  const flows = probes.filter((r) => r.steps && r.steps.length > 0);
  if (flows.length === 0) return null;
  const t = table(['flow › step', 'ran', 'ok %', 'p50', 'p95', 'max', 'failures'], c, ['left', 'right', 'right', 'right', 'right', 'right', 'left']);
  for (const r of flows) {
    for (const step of r.steps ?? []) {
      const ran = r.samples - step.skipped;
      const failed = Object.values(step.failuresByClass).reduce((a, b) => a + b, 0);
      const ms = (v: number | undefined) => (v === undefined ? '-' : formatMs(v));
      const notes = [topClasses(step.failuresByClass), step.skipped > 0 ? `skipped×${step.skipped}` : ''].filter(Boolean).join(' ');
      t.push([
        `${r.probe.id} › ${failed > 0 ? c.red(step.id) : step.id}`,
        String(ran),
        ran === 0 ? '-' : failed > 0 ? c.red(percent((ran - failed) / ran)) : percent(1),
        ms(step.latencyMs?.p50),
        ms(step.latencyMs?.p95),
        ms(step.latencyMs?.max),
        failed > 0 ? c.red(notes) : notes,
      ]);
    }
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

interface FailureRow {
  probe: string;
  where: string;
  example: ErrorGroup['example'];
  count: number;
}

/** A probe's rows: each error group; a links probe's worst links only, each with its redirect chain. */
function failureRows(r: ProbeResult): { rows: FailureRow[]; hidden: number } {
  const links = r.probe.kind === 'links';
  const groups = links ? worstLinksFirst(r.errors) : r.errors;
  const kept = links ? groups.slice(0, MAX_LINK_ROWS) : groups;
  const rows = kept.map(({ example, count }) => {
    const path = pathOf(example.url);
    const where = example.step === null ? path : links ? `${example.step} ${path}` : example.step;
    return { probe: r.probe.id, where, example, count };
  });
  return { rows, hidden: groups.length - kept.length };
}

/** The example message; a redirect chain of more than one hop is shown hop by hop after it. */
function exampleText(example: ErrorGroup['example']): string {
  if (!example.hops) return describeFailure(example.failure);
  const message = describeFailure(example.failure, URL.canParse(example.url) ? new URL(example.url).origin : undefined);
  return example.hops.length > 1 ? `${message} · ${describeChain(example.hops)}` : message;
}

function failureTable(probes: ProbeResult[], c: ChalkInstance, columns: number): string | null {
  const perProbe = probes.map(failureRows);
  const rows = perProbe.flatMap((p) => p.rows);
  if (rows.length === 0) return null;
  // Stable: a links probe's rows keep their worst-first order.
  rows.sort((a, b) => b.count - a.count);
  const shown = rows.slice(0, MAX_FAILURE_ROWS).map((row) => ({ ...row, where: truncate(row.where, 28) }));
  const hidden = rows.length - shown.length + perProbe.reduce((n, p) => n + p.hidden, 0);
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
    t.push([row.probe, row.where, c.red(row.example.failure.class), `×${row.count}`, truncate(exampleText(row.example), room)]);
  }
  const more = hidden > 0 ? `\n… ${hidden} more in the JSON report (--json)` : '';
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

export const tableReporter: Reporter = {
  render(result: RunResult, options: RenderOptions): string {
    const c = new Chalk({ level: options.color ? 1 : 0 });
    const steps = stepTable(result.probes, c);
    const blocks = [probeTable(result.probes, c), ...(steps ? [steps] : []), surfaceTable(result, c)];
    const failures = failureTable(result.probes, c, options.columns);
    if (failures) blocks.push(failures);
    const verdict = verdictLine(result);
    blocks.push(result.exitCode === 0 ? c.green.bold(verdict) : c.red.bold(verdict));
    return `${blocks.join('\n\n')}\n`;
  },
};

export const quietReporter: Reporter = {
  render: (result) => `${verdictLine(result)}\n`,
};
