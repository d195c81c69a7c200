// Remote write to Debian's real Prometheus (its receiver turned on) on loopback, queried back;
// and the request body decoded again, to check the protocol's label rules.
import snappy from 'snappyjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promReporter } from '../../src/report/prom.js';
import { parseExposition } from '../../src/sinks/push/exposition.js';
import { encodeWriteRequest, remoteWrite } from '../../src/sinks/push/remote-write.js';
import { WriteRequest, type WriteRequestValue } from '../../src/sinks/push/remote-write-schema.js';
import { PROMETHEUS_BIN, startPrometheus, type RunningServer } from '../helpers/prometheus.js';
import { skipWithout } from '../helpers/programs.js';
import { HOSTILE_VANTAGE, hostileRun, type HostileRun } from '../report/hostile-run.js';

const SKIP = skipWithout(PROMETHEUS_BIN, 'prometheus');

interface QueryAnswer {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

let run: HostileRun;
let promText: string;
beforeAll(async () => {
  run = await hostileRun();
  promText = promReporter.render(run.result, { color: false, columns: 80, previous: null });
});
afterAll(() => run.server.close());

describe.skipIf(SKIP)('remote write to a real Prometheus', () => {
  let prometheus: RunningServer;
  beforeAll(async () => {
    prometheus = await startPrometheus();
  }, 40_000);
  afterAll(() => prometheus?.close());

  async function query(promql: string): Promise<QueryAnswer['data']['result']> {
    const answer = (await (await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`)).json()) as QueryAnswer;
    expect(answer.status).toBe('success');
    return answer.data.result;
  }

  it('sends the --prom series with job="upprobe", and Prometheus answers queries on them', async () => {
    const outcome = await remoteWrite(`${prometheus.url}/api/v1/write`, promText, { timeoutMs: 5000 });
    expect(outcome).toEqual({ ok: true, status: 204 });

    const success = await query('upprobe_probe_success{job="upprobe"}');
    const byProbe = new Map(success.map((s) => [s.metric.probe ?? '', s]));
    expect([...byProbe.keys()].sort()).toEqual(['api-flaky', 'api-hostile', 'api-ok', 'web-down']);
    expect(byProbe.get('api-hostile')?.metric).toEqual({
      __name__: 'upprobe_probe_success',
      job: 'upprobe',
      probe: 'api-hostile',
      surface: 'api',
      kind: 'http',
      vantage: HOSTILE_VANTAGE,
    });
    expect(byProbe.get('api-hostile')?.value[1]).toBe('0');
    expect(byProbe.get('api-ok')?.value[1]).toBe('1');

    const failures = await query('upprobe_probe_failures_total{job="upprobe",probe="web-down",class="http_5xx"}');
    expect(failures.map((s) => s.value[1])).toEqual(['2']);
    const ratio = await query('upprobe_surface_failure_ratio{job="upprobe",surface="web"}');
    expect(ratio.map((s) => [s.metric.vantage, s.value[1]])).toEqual([[HOSTILE_VANTAGE, '1']]);
    // A summary's parts arrive as the series Prometheus itself would scrape.
    const quantiles = await query('upprobe_probe_duration_seconds{job="upprobe",probe="api-ok"}');
    expect(quantiles.map((s) => s.metric.quantile).sort()).toEqual(['0.5', '0.95', '0.99']);
    expect(await query('upprobe_probe_duration_seconds_count{job="upprobe",probe="api-ok"}')).toHaveLength(1);
  });

  it('names a refused write with Prometheus\'s reason', async () => {
    // Prometheus refuses samples far older than anything in its TSDB ("out of bounds").
    const outcome = await remoteWrite(`${prometheus.url}/api/v1/write`, promText, { timeoutMs: 5000, timestampMs: 1000 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^remote write to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write failed: HTTP 400: .*out of bounds/);
  });
});

describe('the WriteRequest body', () => {
  function decode(body: Uint8Array): WriteRequestValue {
    const message = WriteRequest.decode(snappy.uncompress(body));
    return WriteRequest.toObject(message, { longs: Number, defaults: true }) as WriteRequestValue;
  }

  it('holds every sample of the text once, labels sorted by name, __name__ and job added, empty values dropped', () => {
    const families = parseExposition('# HELP m a metric\n# TYPE m gauge\nm{zeta="z",alpha="",beta="b\\"q\\\\\\n"} 1.5\nm{zeta="y"} NaN\n');
    const request = decode(encodeWriteRequest(families, 1_700_000_000_123));
    expect(request.timeseries).toHaveLength(2);
    expect(request.timeseries[0]?.labels).toEqual([
      { name: '__name__', value: 'm' },
      { name: 'beta', value: 'b"q\\\n' },
      { name: 'job', value: 'upprobe' },
      { name: 'zeta', value: 'z' },
    ]);
    expect(request.timeseries[0]?.samples).toEqual([{ value: 1.5, timestamp: 1_700_000_000_123 }]);
    expect(request.timeseries[1]?.samples[0]?.value).toBeNaN();
    expect(request.metadata).toEqual([{ type: 2, metricFamilyName: 'm', help: 'a metric', unit: '' }]);
  });

  it('carries as many series as the --prom text has sample lines', () => {
    const sampleLines = promText.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const request = decode(encodeWriteRequest(parseExposition(promText), Date.now()));
    expect(request.timeseries).toHaveLength(sampleLines.length);
    expect(request.metadata.map((m) => m.metricFamilyName)).toContain('upprobe_probe_duration_seconds');
  });
});
