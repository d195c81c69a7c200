// The terminal report: probe table, step table (flows), surface table (API beside web), failures
// table, verdict.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { SURFACES } from '../config/types.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import type { ErrorGroup } from '../stats/probe-stats.js';
import { describeChain, describeFailure, formatMs } from './describe.js';
import { failureRows, MAX_FAILURE_ROWS, topClasses, truncate } from './failure-rows.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { percent, verdictLine } from './verdict.js';

/** Borderless, two spaces between columns: reads well at 80 columns and pastes into chat. */
const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/** A borderless table in upprobe's terminal style (the history command uses it too). */
export function table(head: string[], c: ChalkInstance, align: ('left' | 'right')[]): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: align,
  });
}

function probeTable(probes: ProbeResult[], c: ChalkInstance): string {
  // The flaky column appears only when retries saved a sample, so the usual table stays narrow.
  const flaky = probes.some((r) => r.flakySamples > 0);
  const t = table(['probe', 'kind', 'surface', 'samples', 'ok %', ...(flaky ? ['flaky'] : []), 'p50', 'p95', 'p99', 'max', 'failures'], c, [
    'left', 'left', 'left', 'right', 'right', ...(flaky ? ['right' as const] : []), 'right', 'right', 'right', 'right', 'left',
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
      ...(flaky ? [r.flakySamples > 0 ? c.yellow(String(r.flakySamples)) : '0'] : []),
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
  const flaky = result.summary.flakySamples > 0;
  const t = table(['surface', 'probes failing', 'samples failing', 'failure %', ...(flaky ? ['flaky'] : []), 'top classes'], c, [
    'left', 'right', 'right', 'right', ...(flaky ? ['right' as const] : []), 'left',
  ]);
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
  const message = describeFailure(example.failure, URL.canParse(example.url) ? new URL(example.url).origin : undefined);
  return example.hops.length > 1 ? `${message} · ${describeChain(example.hops)}` : message;
}

function failureTable(probes: ProbeResult[], c: ChalkInstance, columns: number): string | null {
  const { rows, hidden: cut } = failureRows(probes);
  if (rows.length === 0) return null;
  const shown = rows.slice(0, MAX_FAILURE_ROWS).map((row) => ({ ...row, where: truncate(row.where, 28) }));
  const hidden = rows.length - shown.length + cut;
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
