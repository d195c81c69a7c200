// The Prometheus report, parsed back by a Prometheus text parser, checked line by line against
// the format's grammar, and by promtool (`promtool check metrics`) when it is installed.
import { spawnSync } from 'node:child_process';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_CLASSES } from '../../src/model/failure.js';
import { promReporter } from '../../src/report/prom.js';
import { PROMTOOL_BIN } from '../helpers/prometheus.js';
import { skipWithout } from '../helpers/programs.js';
import { HOSTILE_VANTAGE, hostileRun, type HostileRun } from './hostile-run.js';

let run: HostileRun;
let text: string;
beforeAll(async () => {
  run = await hostileRun();
  text = promReporter.render(run.result, { color: false, columns: 80, previous: null });
});
afterAll(() => run.server.close());

// Skipped (with a warning) without promtool, except in CI, where .ci/run installs it.
const SKIP_PROMTOOL = skipWithout(PROMTOOL_BIN, 'prometheus');

/** A sample line of the text format: name, optional escaped labels, a value. */
const SAMPLE_LINE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*\})? (?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|NaN|[+-]Inf)$/;

function family(name: string) {
  const found = parsePrometheusTextFormat(text).find((f) => f.name === name);
  if (!found) throw new Error(`no family ${name}`);
  return found;
}

function valueOf(name: string, labels: Record<string, string>, body = text): number {
  const found = parsePrometheusTextFormat(body)
    .find((f) => f.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  if (found?.value === undefined) throw new Error(`no ${name} ${JSON.stringify(labels)}`);
  return Number(found.value);
}

describe('prometheus reporter', () => {
  it('follows the text format: HELP and TYPE once per family before its samples, every sample line valid and unique', () => {
    const seenTypes = new Set<string>();
    const series = new Set<string>();
    let current = '';
    for (const line of text.trimEnd().split('\n')) {
      const meta = /^# (HELP|TYPE) (\S+) /.exec(line);
      if (meta?.[1] === 'TYPE') {
        expect(seenTypes.has(meta[2] ?? '')).toBe(false);
        seenTypes.add(meta[2] ?? '');
        current = meta[2] ?? '';
        continue;
      }
      if (meta) continue;
      expect(line).toMatch(SAMPLE_LINE);
      expect(line.startsWith(current)).toBe(true); // families are contiguous
      const key = line.slice(0, line.lastIndexOf(' '));
      expect(series.has(key)).toBe(false);
      series.add(key);
    }
    expect(seenTypes.size).toBeGreaterThanOrEqual(12);
  });

  it.skipIf(SKIP_PROMTOOL)('is accepted by promtool check metrics, lint included', () => {
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(checked.stderr + checked.stdout).toBe('');
    expect(checked.status).toBe(0);
  });

  it('has the probe metrics, with types, and label values escaped and read back intact', () => {
    expect(family('upprobe_probe_success').type).toBe('GAUGE');
    expect(family('upprobe_probe_duration_seconds').type).toBe('SUMMARY');
    expect(family('upprobe_probe_phase_duration_seconds').type).toBe('SUMMARY');
    expect(family('upprobe_probe_samples_total').type).toBe('COUNTER');
    expect(family('upprobe_probe_failures_total').type).toBe('COUNTER');
    expect(family('upprobe_probe_flaky_samples_total').type).toBe('COUNTER');
    const labels = { probe: 'api-hostile', surface: 'api', kind: 'http', vantage: HOSTILE_VANTAGE };
    expect(valueOf('upprobe_probe_success', labels)).toBe(0);
    expect(valueOf('upprobe_probe_success', { ...labels, probe: 'api-ok' })).toBe(1);
    expect(valueOf('upprobe_probe_samples_total', labels)).toBe(2);
    expect(valueOf('upprobe_probe_failures_total', { ...labels, class: 'assertion' })).toBe(2);
    expect(valueOf('upprobe_probe_failures_total', { probe: 'web-down', class: 'http_5xx' })).toBe(2);
    expect(valueOf('upprobe_probe_flaky_samples_total', { probe: 'api-flaky' })).toBe(2);
    // Every class is present from zero, so rate() sees a class's first failure.
    const classes = family('upprobe_probe_failures_total').metrics.filter((m) => m.labels?.probe === 'api-ok').map((m) => m.labels?.class);
    expect(classes).toEqual([...FAILURE_CLASSES]);
  });

  it('gives latency quantiles of the run (the same HDR percentiles as the JSON) and a count of measured samples', () => {
    // The parser drops a summary's labels, so these lines are read by hand.
    const probe = run.result.probes.find((p) => p.probe.id === 'api-ok');
    const line = (suffix: string, extra = '') => {
      const prefix = `upprobe_probe_duration_seconds${suffix}{probe="api-ok",surface="api",kind="http",vantage="lab \\"7\\" \\\\ rack\\nB"${extra}} `;
      const found = text.split('\n').find((l) => l.startsWith(prefix));
      return Number(found?.slice(prefix.length));
    };
    expect(line('', ',quantile="0.95"')).toBeCloseTo((probe?.latencyMs?.p95 ?? NaN) / 1000, 5);
    expect(line('_count')).toBe(2);
    expect(line('_sum')).toBeGreaterThan(0);
    expect(family('upprobe_probe_duration_seconds').metrics.some((m) => m.quantiles?.['0.99'] !== undefined)).toBe(true);
  });

  it('has run and surface metrics', () => {
    expect(valueOf('upprobe_run_exit_code', {})).toBe(1);
    expect(valueOf('upprobe_runs_total', { vantage: HOSTILE_VANTAGE })).toBe(1);
    expect(valueOf('upprobe_surface_failure_ratio', { surface: 'web' })).toBe(1);
    expect(valueOf('upprobe_surface_failing_probes', { surface: 'api' })).toBe(1);
    expect(valueOf('upprobe_run_timestamp_seconds', {})).toBeCloseTo(run.result.startedAt.getTime() / 1000, 3);
  });

  it('adds counters to the totals of the file it replaces; gauges describe the last run only', () => {
    const second = promReporter.render(run.result, { color: false, columns: 80, previous: text });
    const labels = { probe: 'api-hostile' };
    expect(valueOf('upprobe_probe_samples_total', labels, second)).toBe(4);
    expect(valueOf('upprobe_probe_failures_total', { ...labels, class: 'assertion' }, second)).toBe(4);
    expect(valueOf('upprobe_runs_total', {}, second)).toBe(2);
    expect(valueOf('upprobe_probe_success', labels, second)).toBe(0);
    expect(valueOf('upprobe_run_exit_code', {}, second)).toBe(1);
    // A file that is not ours (or was damaged) starts the counters from zero: a counter reset.
    const fresh = promReporter.render(run.result, { color: false, columns: 80, previous: 'garbage\nupprobe_runs_total{vantage= oops\n' });
    expect(valueOf('upprobe_runs_total', {}, fresh)).toBe(1);
  });
});
