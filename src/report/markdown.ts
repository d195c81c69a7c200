// A Markdown summary for GitHub Actions' job page ($GITHUB_STEP_SUMMARY): the verdict, the
// surface table (API beside web) and the worst failures, readable without opening the logs.
import { SURFACES } from '../model/surface.js';
import type { RunResult } from '../model/result.js';
import { describeFailure } from './describe.js';
import { escapeMarkdown } from './escape.js';
import { failureRows, MAX_FAILURE_ROWS, topClasses, truncate } from './failure-rows.js';
import type { Reporter } from './reporter.js';
import { percent, verdictLine } from './verdict.js';

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => escapeMarkdown(String(c))).join(' | ')} |`;
}

function surfaceTable(result: RunResult): string[] {
  const lines = [
    row(['surface', 'probes failing', 'samples failing', 'failure %', 'flaky', 'top classes']),
    '| --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const name of SURFACES) {
    const s = result.summary.surfaces[name];
    if (s.probes === 0) continue;
    lines.push(row([name, `${s.failedProbes}/${s.probes}`, `${s.failedSamples}/${s.samples}`, percent(s.failureRate), s.flakySamples, topClasses(s.failuresByClass, 3)]));
  }
  return lines;
}

function failureTable(result: RunResult): string[] {
  const { rows, hidden } = failureRows(result.probes);
  if (rows.length === 0) return [];
  const lines = ['', '**Failures**', '', row(['probe', 'step or link', 'class', 'count', 'example']), '| --- | --- | --- | ---: | --- |'];
  for (const r of rows.slice(0, MAX_FAILURE_ROWS)) {
    lines.push(row([r.probe, truncate(r.where, 60), r.example.failure.class, `×${r.count}`, truncate(describeFailure(r.example.failure), 200)]));
  }
  const more = Math.max(0, rows.length - MAX_FAILURE_ROWS) + hidden;
  if (more > 0) lines.push('', escapeMarkdown(`… ${more} more in the JSON report.`));
  return lines;
}

/** The diagnosis under the surface table: the headline, each failing surface's evidence, what it is consistent with. */
function diagnosisLines(result: RunResult): string[] {
  const { diagnosis } = result;
  if (!diagnosis) return [];
  const lines = ['', `**Diagnosis:** ${escapeMarkdown(diagnosis.headline)}`, ''];
  for (const [surface, s] of Object.entries(diagnosis.surfaces)) {
    for (const evidence of s.evidence) lines.push(`- ${escapeMarkdown(`${surface}: ${evidence}`)}`);
  }
  for (const reason of diagnosis.prober.reasons) lines.push(`- ${escapeMarkdown(`prober: ${reason}`)}`);
  for (const explanation of diagnosis.consistentWith) lines.push(`- ${escapeMarkdown(`consistent with ${explanation}`)}`);
  return lines.at(-1) === '' ? lines.slice(0, -1) : lines;
}

/** The run as Markdown, for the job page of GitHub Actions (appended to $GITHUB_STEP_SUMMARY). */
export const markdownReporter: Reporter = {
  render(result: RunResult): string {
    const failing = result.probes.filter((r) => !r.passed).map((r) => r.probe.id);
    const context = [result.vantage ? `vantage ${result.vantage}` : null, `started ${result.startedAt.toISOString()}`].filter(Boolean);
    return `${[
      `### upprobe: ${escapeMarkdown(verdictLine(result))}`,
      '',
      escapeMarkdown(context.join(' · ')),
      '',
      ...surfaceTable(result),
      ...diagnosisLines(result),
      ...(failing.length > 0 ? ['', `Failing probes: ${escapeMarkdown(failing.join(', '))}`] : []),
      ...failureTable(result),
    ].join('\n')}\n`;
  },
};
