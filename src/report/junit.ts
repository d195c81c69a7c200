// JUnit XML for CI test-report readers (GitLab, Jenkins, GitHub test-report actions): one
// testsuite per surface, one testcase per probe. A failed probe carries a <failure> with its top
// class, how many samples failed and an example message per kind of error; a probe that passed
// only thanks to retries carries a <flakyFailure> (Maven Surefire's element, which Jenkins reads).
import { SURFACES, type Surface } from '../model/surface.js';
import type { FailureClass } from '../model/failure.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import type { ThresholdResult } from '../model/thresholds.js';
import { VERSION } from '../version.js';
import { describeFailure, formatMs } from './describe.js';
import { escapeXml } from './escape.js';
import { topClasses } from './failure-rows.js';
import type { Reporter } from './reporter.js';
import { percent } from './verdict.js';

/** Seconds with millisecond precision, as JUnit readers expect in `time`. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** `name="value" …` with every value escaped. */
function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeXml(String(value))}"`)
    .join(' ');
}

/** The most frequent failure class, or the failed threshold's name when every sample passed (too slowly). */
function failureType(r: ProbeResult): string {
  const [top] = (Object.entries(r.failuresByClass) as [FailureClass, number][]).sort((a, b) => b[1] - a[1]);
  if (top) return top[0];
  return r.thresholds.find((t) => !t.passed)?.name ?? 'no-samples';
}

function thresholdText(t: ThresholdResult): string {
  const show = (v: number) => (t.name === 'successRate' ? percent(v) : formatMs(v));
  const relation = t.name === 'successRate' ? 'below' : 'over';
  return `${t.name} ${t.actual === null ? 'not measured' : show(t.actual)} ${relation} the limit ${show(t.limit)}`;
}

/** One line for the <failure message>: counts first, then what the thresholds said. */
function failureMessage(r: ProbeResult): string {
  const counts = r.samples === 0 ? 'no sample ran' : `${r.failedSamples}/${r.samples} samples failed${r.failedSamples > 0 ? ` (${topClasses(r.failuresByClass, 3)})` : ''}`;
  return [counts, ...r.thresholds.filter((t) => !t.passed).map(thresholdText)].join('; ');
}

/** The <failure> body: every kept error with its count and an example message. */
function failureDetails(r: ProbeResult): string {
  const lines = r.errors.map(({ example, count }) => {
    const where = example.step ? `step ${example.step} ` : '';
    return `${example.failure.class} ×${count} ${where}${example.url}: ${describeFailure(example.failure)}`;
  });
  if (r.otherErrors > 0) lines.push(`… and ${r.otherErrors} more failed samples (see the JSON report)`);
  return lines.join('\n');
}

function statsLine(r: ProbeResult): string {
  const ok = r.successRate === null ? '-' : percent(r.successRate);
  const latency = r.latencyMs ? ` · p50 ${formatMs(r.latencyMs.p50)} · p95 ${formatMs(r.latencyMs.p95)} · max ${formatMs(r.latencyMs.max)}` : '';
  return `${r.probe.kind} · ${r.samples} samples · ok ${ok} · flaky ${r.flakySamples}${latency}`;
}

function testcase(r: ProbeResult, surface: Surface): string {
  // time: a probe's samples overlap, so its "duration" is what one sample takes on average.
  const open = `    <testcase ${attributes({ name: r.probe.id, classname: `upprobe.${surface}`, time: seconds(r.latencyMs?.mean ?? 0) })}>`;
  const parts = [open];
  if (!r.passed) {
    parts.push(`      <failure ${attributes({ message: failureMessage(r), type: failureType(r) })}>${escapeXml(failureDetails(r))}</failure>`);
  } else if (r.flakySamples > 0) {
    const message = `${r.flakySamples}/${r.samples} samples passed only on a retry`;
    parts.push(`      <flakyFailure ${attributes({ message, type: 'flaky' })}/>`);
  }
  parts.push(`      <system-out>${escapeXml(statsLine(r))}</system-out>`, '    </testcase>');
  return parts.join('\n');
}

function testsuite(result: RunResult, surface: Surface, probes: ProbeResult[]): string {
  const failed = probes.filter((r) => !r.passed).length;
  const head = attributes({
    name: surface,
    tests: probes.length,
    failures: failed,
    errors: 0,
    skipped: 0,
    time: seconds(result.durationMs),
    // The Ant schema's timestamp has no zone: this is UTC.
    timestamp: result.startedAt.toISOString().slice(0, 19),
    hostname: result.vantage ?? 'upprobe',
  });
  const diagnosis = result.diagnosis;
  const surfaceDiagnosis = diagnosis?.surfaces[surface];
  const properties = [
    ['vantage', result.vantage ?? ''],
    ['upprobe.version', VERSION],
    ...(diagnosis && surfaceDiagnosis
      ? [
          ['upprobe.diagnosis', diagnosis.headline],
          ['upprobe.surface.state', surfaceDiagnosis.state],
          ['upprobe.surface.layer', surfaceDiagnosis.layer ?? ''],
          ['upprobe.prober.healthy', String(diagnosis.prober.healthy)],
        ]
      : []),
  ].map(([name, value]) => `      <property ${attributes({ name: name ?? '', value: value ?? '' })}/>`);
  return [
    `  <testsuite ${head}>`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...probes.map((r) => testcase(r, surface)),
    '    <system-out/>',
    '    <system-err/>',
    '  </testsuite>',
  ].join('\n');
}

/** JUnit XML: what CI systems already show as a test report, one testcase per probe. */
export const junitReporter: Reporter = {
  render(result: RunResult): string {
    const { summary } = result;
    const suites = SURFACES.map((surface) => ({ surface, probes: result.probes.filter((r) => r.probe.surface === surface) })).filter(
      (s) => s.probes.length > 0,
    );
    const root = attributes({ name: 'upprobe', tests: summary.probes, failures: summary.failed, errors: 0, time: seconds(result.durationMs) });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites ${root}>`,
      ...suites.map((s) => testsuite(result, s.surface, s.probes)),
      '</testsuites>',
      '',
    ].join('\n');
  },
};
