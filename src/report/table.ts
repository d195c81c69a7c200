// The terminal report: probe table, step table (flows), surface table (API beside web), failures
// table, verdict.
import { stripVTControlCharacters } from 'node:util';
import { Chalk, type ChalkInstance } from 'chalk';
import { SURFACES } from '../model/surface.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import type { ErrorGroup } from '../model/counts.js';
import { describeChain, describeExcerpt, describeFailure, formatMs } from './describe.js';
import { terminalSafe } from './escape.js';
import { failureRows, MAX_FAILURE_ROWS, topClasses, truncate } from './failure-rows.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { percent, verdictLine } from './verdict.js';
import { diagnosisSection } from './diagnosis-section.js';
import { wrapWords } from './wrap.js';
import { ColumnTable, type Align } from './columns.js';

/** How the tables are drawn: colours, and the gap between columns (one space on a narrow terminal). */
interface Style {
  c: ChalkInstance;
  gap: string;
}

/** A borderless table in upprobe's terminal style (the history and merge commands use it too). */
export function table(head: string[], c: ChalkInstance, align: Align[], gap = '  '): ColumnTable {
  return new ColumnTable(head, c, align, gap);
}

function probeTable(probes: ProbeResult[], { c, gap }: Style): string {
  // The flaky column appears only when retries saved a sample, so the usual table stays narrow.
  const flaky = probes.some((r) => r.flakySamples > 0);
  // Which HTTP version answered (and a certificate under its minDaysLeft), when any probe spoke HTTP.
  // Left out at 80 columns, where it does not fit; the JSON report always has it.
  const http = gap !== ' ' && probes.some((r) => r.httpVersion);
  const t = table(['probe', 'kind', 'surface', 'samples', 'ok %', ...(flaky ? ['flaky'] : []), 'p50', 'p95', 'p99', 'max', ...(http ? ['http'] : []), 'failures'], c, [
    'left', 'left', 'left', 'right', 'right', ...(flaky ? ['right' as const] : []), 'right', 'right', 'right', 'right', ...(http ? ['left' as const] : []), 'left',
  ], gap);
  for (const r of probes) {
    const ms = (v: number | undefined) => (v === undefined ? '-' : formatMs(v));
    const ok = r.successRate === null ? '-' : percent(r.successRate);
    t.push([
      r.passed ? c.green(r.probe.id) : c.red(r.probe.id),
      r.probe.kind,
      r.probe.surface,
      String(r.samples),
      r.passed ? ok : c.red(ok),
      ...(flaky ? [r.flakySamples > 0 ? c.yellow(String(r.flakySamples)) : '0'] : []),
      ms(r.latencyMs?.p50),
      ms(r.latencyMs?.p95),
      ms(r.latencyMs?.p99),
      ms(r.latencyMs?.max),
      ...(http ? [httpCell(r, c)] : []),
      // On a narrow terminal the probe's top class alone; the surface and failure tables list the rest.
      c.red(topClasses(r.failuresByClass, gap === ' ' ? 1 : 2)),
    ]);
  }
  return t.toString();
}

/** `2`, `1.1` or `-`; with `cert 3d` when the probe's certificate is under its minDaysLeft. */
function httpCell(r: ProbeResult, c: ChalkInstance): string {
  const version = r.httpVersion ?? '-';
  const expiring = r.errors.find((e) => e.example.failure.class === 'tls' && e.example.failure.code === 'CERT_EXPIRES_SOON')?.example.failure;
  const daysLeft = expiring?.class === 'tls' ? expiring.certificate?.daysLeft : undefined;
  return daysLeft === undefined ? version : `${version} ${c.yellow(`cert ${daysLeft}d`)}`;
}

/** Flows only: each step's latency and failures, e.g. `login › submit … http_5xx×20`. */
function stepTable(probes: ProbeResult[], { c, gap }: Style): string | null {
  const flows = probes.flatMap((r) => (r.kindData?.kind === 'flow' && r.kindData.steps.length > 0 ? [{ r, steps: r.kindData.steps }] : []));
  if (flows.length === 0) return null;
  const t = table(['flow › step', 'ran', 'ok %', 'p50', 'p95', 'max', 'failures'], c, ['left', 'right', 'right', 'right', 'right', 'right', 'left'], gap);
  for (const { r, steps } of flows) {
    for (const step of steps) {
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

function surfaceTable(result: RunResult, { c, gap }: Style): string {
  const flaky = result.summary.flakySamples > 0;
  const t = table(['surface', 'probes failing', 'samples failing', 'failure %', ...(flaky ? ['flaky'] : []), 'top classes'], c, [
    'left', 'right', 'right', 'right', ...(flaky ? ['right' as const] : []), 'left',
  ], gap);
  for (const name of SURFACES) {
    const s = result.summary.surfaces[name];
    if (s.probes === 0) continue;
    const paint = s.failedProbes > 0 ? c.red : c.green;
    t.push([
      paint(name),
      `${s.failedProbes}/${s.probes}`,
      `${s.failedSamples}/${s.samples}`,
      paint(percent(s.failureRate)),
      ...(flaky ? [String(s.flakySamples)] : []),
      topClasses(s.failuresByClass, 3),
    ]);
  }
  return t.toString();
}

/** The example message; a redirect chain of more than one hop is shown hop by hop after it. */
function exampleText(example: ErrorGroup['example']): string {
  if (!example.hops) return describeFailure(example.failure);
  const origin = URL.canParse(example.url) ? new URL(example.url).origin : undefined;
  if (example.hops.length <= 1) return describeFailure(example.failure, origin);
  // The chain before the page's words: where a link ended matters more than what the page said.
  return `${describeFailure(example.failure, origin, false)} · ${describeChain(example.hops)}${describeExcerpt(example.failure)}`;
}

function failureTable(probes: ProbeResult[], { c, gap }: Style, columns: number): string | null {
  const { rows, hidden: cut } = failureRows(probes);
  if (rows.length === 0) return null;
  // The link column grows with the terminal (28 characters at 80 columns, up to 60 when wide).
  const whereWidth = Math.min(60, Math.max(28, Math.floor(columns * 0.3)));
  const shown = rows.slice(0, MAX_FAILURE_ROWS).map((row) => ({ ...row, where: truncate(row.where, whereWidth) }));
  const hidden = rows.length - shown.length + cut;
  // The message takes what the other columns leave of the terminal's width.
  const widest = (texts: string[]) => Math.max(...texts.map((x) => x.length));
  const used =
    widest(['probe', ...shown.map((r) => r.probe)]) +
    widest(['step or link', ...shown.map((r) => r.where)]) +
    widest(['class', ...shown.map((r) => r.example.failure.class)]) +
    widest(['count', ...shown.map((r) => `×${r.count}`)]) +
    4 * gap.length;
  // At least a status line's worth ("503 Service Unav…"); below that, rather too wide than unreadable.
  const room = Math.max(16, columns - used);
  const t = table(['probe', 'step or link', 'class', 'count', 'example'], c, ['left', 'left', 'left', 'right', 'left'], gap);
  for (const row of shown) {
    t.push([row.probe, row.where, c.red(row.example.failure.class), `×${row.count}`, truncate(exampleText(row.example), room)]);
  }
  const more = hidden > 0 ? `\n… ${hidden} more in the JSON report (--json)` : '';
  return t.toString() + more;
}

/** The fixed-layout tables, and what follows them (failures, warnings, verdict). */
function renderBlocks(result: RunResult, style: Style, columns: number): { tables: string[]; rest: string[] } {
  const { c } = style;
  const steps = stepTable(result.probes, style);
  const tables = [probeTable(result.probes, style), ...(steps ? [steps] : []), surfaceTable(result, style)];
  const rest: string[] = [];
  // Right after the surface table: which layer the failures point to, and whether to trust them.
  if (result.diagnosis) rest.push(diagnosisSection(result.diagnosis, columns).join('\n'));
  const failures = failureTable(result.probes, style, columns);
  if (failures) rest.push(failures);
  // Wrapped before colouring, so the colour codes take no room in the count.
  const lag = lagWarning(result);
  if (lag) rest.push(c.yellow(wrapWords(lag, columns)));
  // Never wrapped: it is the one line scripts and CI logs grep (`exit 1$`); a terminal soft-wraps it.
  const verdict = verdictLine(result);
  rest.push(result.exitCode === 0 ? c.green.bold(verdict) : c.red.bold(verdict));
  return { tables, rest };
}

/** The widest line, as the terminal shows it (colour codes take no room). */
function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => stripVTControlCharacters(line).length));
}

/** Said when upprobe's own event loop lagged enough to inflate the latencies it measured. */
function lagWarning({ timingConfidence: { distorted, eventLoopDelayMs: lag } }: RunResult): string | null {
  if (!distorted) return null;
  return `warning: upprobe's event loop lagged (p99 ${formatMs(lag.p99)}, max ${formatMs(lag.max)}): latencies may be inflated by up to that much; lower --concurrency or run on a less busy machine`;
}

export const tableReporter: Reporter = {
  render(unsafe: RunResult, options: RenderOptions): string {
    // Server text must not drive the terminal: only upprobe's own colours do.
    const result = terminalSafe(unsafe);
    const c = new Chalk({ level: options.color ? 1 : 0 });
    // Two spaces between columns read best; on a narrow terminal (80 columns) one space keeps
    // each row on one line. The failures table fits itself by shortening its messages.
    let blocks = renderBlocks(result, { c, gap: '  ' }, options.columns);
    if (widest(blocks.tables.join('\n')) > options.columns) blocks = renderBlocks(result, { c, gap: ' ' }, options.columns);
    // No line ends in blanks: they only get in the way of copying.
    return `${[...blocks.tables, ...blocks.rest].join('\n\n').replace(/ +$/gm, '')}\n`;
  },
};

export const quietReporter: Reporter = {
  render: (result) => `${verdictLine(terminalSafe(result))}\n`,
};
