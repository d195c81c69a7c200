// The terminal view of `upprobe merge`: which vantage saw what (vantage × surface), each probe
// from every vantage (probe × vantage), the agreement line per surface, and the merged verdict.
import { Chalk } from 'chalk';
import { SURFACES } from '../model/surface.js';
import { agreementLine, type MergedReport, type VantageProbe } from '../analysis/merge.js';
import { formatMs } from './describe.js';
import { terminalSafe } from './escape.js';
import { table } from './table.js';
import { percent } from './verdict.js';

export interface MergeRenderOptions {
  color: boolean;
  /** Only the verdict line. */
  quiet?: boolean;
}

export function renderMerge(unsafe: MergedReport, { color, quiet }: MergeRenderOptions): string {
  // Vantage names and messages come from other machines' reports: they must not drive the terminal.
  const report = terminalSafe(unsafe);
  const c = new Chalk({ level: color ? 1 : 0 });
  if (quiet) return `${verdictLine(report, c)}\n`;
  const probed = SURFACES.filter((s) => report.surfaces[s].state !== 'unprobed');

  const vantages = table(['vantage', 'started', 'prober', ...probed, 'exit'], c, ['left', 'left', 'left', ...probed.map(() => 'left' as const), 'right']);
  for (const v of report.vantages) {
    const cells = probed.map((s) => {
      const surface = report.surfaces[s];
      if (!v.healthy) return c.dim('left out');
      if (surface.failingVantages.includes(v.name)) return c.red('failing');
      return c.green('up');
    });
    vantages.push([v.name, v.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), v.healthy ? 'healthy' : c.yellow('impaired'), ...cells, String(v.exitCode)]);
  }

  const names = report.vantages.map((v) => v.name);
  const probes = table(['probe', 'surface', ...names, 'merged p95'], c, ['left', 'left', ...names.map(() => 'right' as const), 'right']);
  for (const p of report.probes) {
    const cells = names.map((name) => cell(p.byVantage[name], c));
    probes.push([p.id, p.surface, ...cells, p.latencyMs ? formatMs(p.latencyMs.p95) : '-']);
  }

  const agreement = probed.map((s) => agreementLine(s, report.surfaces[s]));
  return `${[vantages.toString(), probes.toString(), agreement.join('\n'), verdictLine(report, c)].join('\n\n').replace(/ +$/gm, '')}\n`;
}

/** `FAIL api failing from 2 of 3 vantages (…): global · web up · quorum majority · exit 1` */
function verdictLine(report: MergedReport, c: InstanceType<typeof Chalk>): string {
  const word = report.exitCode === 4 ? 'INCONCLUSIVE' : report.exitCode === 1 ? 'FAIL' : 'PASS';
  const verdict = `${word} ${report.diagnosis.headline} · quorum ${report.quorum} · exit ${report.exitCode}`;
  const paint = report.exitCode === 0 ? c.green.bold : report.exitCode === 4 ? c.yellow.bold : c.red.bold;
  return paint(verdict);
}

/** `100% 12ms`: the probe's success rate and p95 at one vantage; `-` where it did not run. */
function cell(probe: VantageProbe | undefined, c: InstanceType<typeof Chalk>): string {
  if (!probe) return '-';
  const ok = probe.successRate === null ? '-' : percent(probe.successRate);
  const text = `${ok} ${probe.latencyMs ? formatMs(probe.latencyMs.p95) : '-'}`;
  if (probe.impaired) return c.dim(text);
  return probe.passed ? text : c.red(text);
}
