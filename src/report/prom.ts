// Prometheus text exposition (format 0.0.4, what node_exporter's textfile collector and promtool
// read). Gauges describe the last run; counters (`_total`, and a summary's `_sum`/`_count`) add
// this run to the totals in the file being replaced, so rate() and increase() work across runs.
// A missing or foreign file starts them from zero, which Prometheus reads as a counter reset.
import { FAILURE_CLASSES } from '../model/failure.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import { PHASES } from '../model/timings.js';
import { LAYERS, SURFACE_STATES } from '../model/diagnosis.js';
import { SURFACES } from '../model/surface.js';
import { escapeLabelValue } from './escape.js';
import type { RenderOptions, Reporter } from './reporter.js';

type Labels = Record<string, string>;
type MetricType = 'gauge' | 'counter' | 'summary';

const QUANTILES = [
  ['0.5', 'p50'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;

/** One metric family being written: its HELP and TYPE lines, then its series. */
class Family {
  private readonly lines: string[];
  constructor(
    private readonly name: string,
    type: MetricType,
    help: string,
    private readonly totals: Map<string, number>,
  ) {
    this.lines = [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
  }

  /** A value of this run only. */
  set(labels: Labels, value: number, suffix = ''): void {
    this.lines.push(`${seriesKey(this.name + suffix, labels)} ${formatValue(value)}`);
  }

  /** This run's value added to the total the previous file held for the same series. */
  add(labels: Labels, value: number, suffix = ''): void {
    const key = seriesKey(this.name + suffix, labels);
    this.lines.push(`${key} ${formatValue((this.totals.get(key) ?? 0) + value)}`);
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/** Milliseconds as seconds, to the microsecond (no 0.054799999999999995). */
function seconds(ms: number): number {
  return Math.round(ms * 1000) / 1e6;
}

function seriesKey(name: string, labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

/** Our own series and their values in the file this run replaces (comments and foreign lines ignored). */
export function previousTotals(text: string | null | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of (text ?? '').split('\n')) {
    const match = /^(upprobe_\w+(?:\{.*\})?) (\S+)$/.exec(line);
    const value = Number(match?.[2]);
    if (match?.[1] && Number.isFinite(value)) totals.set(match[1], value);
  }
  return totals;
}

function probeMetrics(result: RunResult, totals: Map<string, number>): Family[] {
  const family = (name: string, type: MetricType, help: string) => new Family(name, type, help, totals);
  const success = family('upprobe_probe_success', 'gauge', 'Whether the probe met its thresholds in the last run (1) or not (0).');
  const duration = family(
    'upprobe_probe_duration_seconds',
    'summary',
    'Sample latency, request issued to last body byte, of samples that got a response: quantiles of the last run; sum and count accumulate across runs.',
  );
  const phases = family(
    'upprobe_probe_phase_duration_seconds',
    'summary',
    'Time in each measured phase (dns, connect, tls, ttfb): quantiles of the last run; sum and count accumulate across runs.',
  );
  const samples = family('upprobe_probe_samples_total', 'counter', 'Samples run, across runs.');
  const failures = family('upprobe_probe_failures_total', 'counter', 'Failed samples by failure class, across runs.');
  const flaky = family('upprobe_probe_flaky_samples_total', 'counter', 'Samples that failed and then passed on a retry (counted as passed), across runs.');
  const certExpiry = family(
    'upprobe_probe_tls_cert_expiry_timestamp_seconds',
    'gauge',
    'When the leaf certificate of the probe\'s last TLS handshake expires, in seconds since the Unix epoch (as blackbox_exporter\'s probe_ssl_earliest_cert_expiry).',
  );
  const httpVersion = family('upprobe_probe_http_version', 'gauge', 'The HTTP version that answered the probe\'s last response: 1.1 or 2.');

  for (const r of result.probes) {
    const labels = probeLabels(r, result.vantage);
    success.set(labels, r.passed ? 1 : 0);
    for (const [quantile, key] of QUANTILES) {
      if (r.latencyMs) duration.set({ ...labels, quantile }, seconds(r.latencyMs[key]));
    }
    duration.add(labels, seconds(r.latencyTotal.sumMs), '_sum');
    duration.add(labels, r.latencyTotal.count, '_count');
    for (const phase of PHASES) {
      const summary = r.phasesMs[phase];
      const phaseLabels = { ...labels, phase };
      if (summary) for (const [quantile, key] of QUANTILES) phases.set({ ...phaseLabels, quantile }, seconds(summary[key]));
      phases.add(phaseLabels, seconds(r.phaseTotals[phase].sumMs), '_sum');
      phases.add(phaseLabels, r.phaseTotals[phase].count, '_count');
    }
    samples.add(labels, r.samples);
    // Every class, zeros included: a counter that first appears at 3 loses those 3 to rate().
    for (const cls of FAILURE_CLASSES) failures.add({ ...labels, class: cls }, r.failuresByClass[cls] ?? 0);
    flaky.add(labels, r.flakySamples);
    const notAfter = r.tls?.certificate?.notAfter;
    if (notAfter !== undefined) certExpiry.set(labels, Date.parse(notAfter) / 1000);
    if (r.httpVersion) httpVersion.set(labels, Number(r.httpVersion));
  }
  return [success, duration, phases, samples, failures, flaky, certExpiry, httpVersion];
}

function runMetrics(result: RunResult, totals: Map<string, number>): Family[] {
  const family = (name: string, type: MetricType, help: string) => new Family(name, type, help, totals);
  const vantage = { vantage: result.vantage ?? '' };
  const failureRatio = family('upprobe_surface_failure_ratio', 'gauge', 'Fraction of the surface\'s samples that failed in the last run.');
  const failingProbes = family('upprobe_surface_failing_probes', 'gauge', 'Probes of the surface that missed their thresholds in the last run.');
  for (const surface of SURFACES) {
    const s = result.summary.surfaces[surface];
    if (s.probes === 0) continue;
    failureRatio.set({ surface, ...vantage }, s.failureRate);
    failingProbes.set({ surface, ...vantage }, s.failedProbes);
  }
  const started = family('upprobe_run_timestamp_seconds', 'gauge', 'When the last run started, in seconds since the Unix epoch.');
  started.set(vantage, result.startedAt.getTime() / 1000);
  const took = family('upprobe_run_duration_seconds', 'gauge', 'How long the last run took.');
  took.set(vantage, seconds(result.durationMs));
  const exit = family('upprobe_run_exit_code', 'gauge', 'Exit code of the last run: 0 pass, 1 a probe failed, 4 inconclusive (the prober\'s own controls failed too), 130/143 interrupted.');
  exit.set(vantage, result.exitCode);
  const runs = family('upprobe_runs_total', 'counter', 'Runs that wrote this file.');
  runs.add(vantage, 1);
  return [failureRatio, failingProbes, started, took, exit, runs, ...diagnosisMetrics(result, family)];
}

/** The diagnosis as gauges: the prober's health, each surface's state (one series per state), the headline. */
function diagnosisMetrics(result: RunResult, family: (name: string, type: MetricType, help: string) => Family): Family[] {
  const { diagnosis } = result;
  if (!diagnosis) return [];
  const vantage = { vantage: result.vantage ?? '' };
  const families: Family[] = [];
  if (diagnosis.prober.healthy !== null) {
    const healthy = family('upprobe_prober_healthy', 'gauge', 'Whether at least half of the controls answered in the last run (1) or not (0); absent without controls.');
    healthy.set(vantage, diagnosis.prober.healthy ? 1 : 0);
    families.push(healthy);
  }
  const state = family('upprobe_surface_state', 'gauge', 'The surface\'s state in the last run: 1 for the current state (up, degraded, down, unprobed), 0 for the others.');
  const layer = family('upprobe_surface_layer', 'gauge', 'Where a degraded or down surface\'s failures point in the last run: 1 for that layer, 0 for the others.');
  for (const surface of SURFACES) {
    const s = diagnosis.surfaces[surface];
    for (const name of SURFACE_STATES) state.set({ surface, state: name, ...vantage }, s.state === name ? 1 : 0);
    for (const name of LAYERS) layer.set({ surface, layer: name, ...vantage }, s.layer === name ? 1 : 0);
  }
  const info = family('upprobe_diagnosis_info', 'gauge', 'The last run\'s diagnosis headline, as a label (value always 1).');
  info.set({ headline: diagnosis.headline, ...vantage }, 1);
  return [...families, state, layer, info];
}

function probeLabels(r: ProbeResult, vantage: string | null): Labels {
  return { probe: r.probe.id, surface: r.probe.surface, kind: r.probe.kind, vantage: vantage ?? '' };
}

/** Prometheus text for a dashboard and alerts: gauges of the last run, counters across runs. */
export const promReporter: Reporter = {
  render(result: RunResult, options: RenderOptions): string {
    const totals = previousTotals(options.previous);
    return `${[...probeMetrics(result, totals), ...runMetrics(result, totals)].join('\n')}\n`;
  },
};
