// Pushes to Debian's real Pushgateway on loopback and reads the group back from its /metrics.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promReporter } from '../../src/report/prom.js';
import { groupingSegment, pushToGateway } from '../../src/sinks/push/pushgateway.js';
import { PUSHGATEWAY_BIN, startPushgateway, type RunningServer } from '../helpers/prometheus.js';
import { skipWithout } from '../helpers/programs.js';
import { HOSTILE_VANTAGE, hostileRun, type HostileRun } from '../report/hostile-run.js';

const SKIP = skipWithout(PUSHGATEWAY_BIN, 'prometheus-pushgateway');

/** The value of one series in a Prometheus text page, found by name and a subset of its labels. */
function valueIn(text: string, name: string, labels: Record<string, string>): number | undefined {
  const found = parsePrometheusTextFormat(text)
    .find((f) => f.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return found?.value === undefined ? undefined : Number(found.value);
}

describe.skipIf(SKIP)('push to a real Pushgateway', () => {
  let gateway: RunningServer;
  let run: HostileRun;
  let promText: string;
  beforeAll(async () => {
    [gateway, run] = await Promise.all([startPushgateway(), hostileRun()]);
    promText = promReporter.render(run.result, { color: false, columns: 80, previous: null });
  }, 40_000);
  afterAll(async () => {
    await Promise.all([gateway?.close(), run?.server.close()]);
  });

  it('PUTs the --prom series as job "upprobe", grouped by vantage, hostile label values intact', async () => {
    const outcome = await pushToGateway(gateway.url, HOSTILE_VANTAGE, promText, { timeoutMs: 5000 });
    expect(outcome).toEqual({ ok: true, status: 200 });
    const page = await (await fetch(`${gateway.url}/metrics`)).text();
    const group = { job: 'upprobe', vantage: HOSTILE_VANTAGE };
    expect(valueIn(page, 'upprobe_probe_success', { ...group, probe: 'api-hostile', surface: 'api' })).toBe(0);
    expect(valueIn(page, 'upprobe_probe_success', { ...group, probe: 'api-ok' })).toBe(1);
    expect(valueIn(page, 'upprobe_probe_failures_total', { ...group, probe: 'web-down', class: 'http_5xx' })).toBe(2);
    expect(valueIn(page, 'upprobe_surface_failure_ratio', { ...group, surface: 'web' })).toBe(1);
    // The gateway's own record of the push, for the group this vantage owns.
    expect(valueIn(page, 'push_failure_time_seconds', group)).toBe(0);
    expect(valueIn(page, 'push_time_seconds', group)).toBeGreaterThan(0);
  });

  it('replaces the vantage group on the next push and leaves other vantages alone', async () => {
    expect((await pushToGateway(gateway.url, 'fra1', promText, { timeoutMs: 5000 })).ok).toBe(true);
    // A second run of iad1 whose probes file lost api-ok: its old api-ok series must go.
    expect((await pushToGateway(gateway.url, 'iad1', promText, { timeoutMs: 5000 })).ok).toBe(true);
    const withoutApiOk = promText
      .split('\n')
      .filter((line) => !line.includes('probe="api-ok"'))
      .join('\n');
    expect((await pushToGateway(`${gateway.url}/`, 'iad1', withoutApiOk, { timeoutMs: 5000 })).ok).toBe(true);
    const page = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(valueIn(page, 'upprobe_probe_success', { vantage: 'iad1', probe: 'api-ok' })).toBeUndefined();
    expect(valueIn(page, 'upprobe_probe_success', { vantage: 'iad1', probe: 'api-hostile' })).toBe(0);
    expect(valueIn(page, 'upprobe_probe_success', { vantage: 'fra1', probe: 'api-ok' })).toBe(1);
  });

  it('names a rejected push with the gateway\'s reason', async () => {
    // A metric the first test pushed as a gauge, now claimed as a counter: Pushgateway refuses it.
    const clash = '# HELP upprobe_probe_success clash\n# TYPE upprobe_probe_success counter\nupprobe_probe_success{probe="x"} 1\n';
    const outcome = await pushToGateway(gateway.url, 'clash', clash, { timeoutMs: 5000 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^Pushgateway push to http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/upprobe\/vantage\/clash failed: HTTP 400: .*upprobe_probe_success/);
    expect(outcome.message).not.toContain('\n');
  });
});

describe('grouping key path segments', () => {
  it('writes plain names as they are and anything else in base64url, the empty value as "="', () => {
    expect(groupingSegment('vantage', 'fra1')).toBe('vantage/fra1');
    expect(groupingSegment('vantage', '')).toBe('vantage@base64/=');
    expect(groupingSegment('vantage', 'eu/west')).toBe(`vantage@base64/${Buffer.from('eu/west').toString('base64url')}`);
    expect(Buffer.from(groupingSegment('vantage', HOSTILE_VANTAGE).split('/')[1] ?? '', 'base64url').toString()).toBe(HOSTILE_VANTAGE);
  });
});
