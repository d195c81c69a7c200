// `run --push-gateway` and `run --remote-write` through the real CLI, to Debian's real Pushgateway
// and Prometheus on loopback; a failed push named on stderr with exit 2 after the other outputs,
// the JSON report's exitCode still the probes' verdict, and no credential anywhere.
import type { IncomingHttpHeaders } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { PROMETHEUS_BIN, PUSHGATEWAY_BIN, startPrometheus, startPushgateway, type RunningServer } from '../helpers/prometheus.js';
import { skipWithout } from '../helpers/programs.js';
import { closeAfterEach, closedPort, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();
const PASSWORD = 's3cr3t-pw';
const TOKEN = 'bearer-7d1e';

/** A service whose /api answers 503 and everything else 200, and a probes file for it. */
async function service(): Promise<{ file: string; requests: () => number }> {
  let requests = 0;
  const server = await keep(
    startHttpServer((req, res) => {
      requests++;
      res.writeHead(req.url?.startsWith('/api') ? 503 : 200).end('ok');
    }),
  );
  const file = probesFile(`version: 1
defaults: { baseUrl: "${server.url}", samples: 2 }
probes:
  - { id: api-timeline, kind: http, surface: api, request: { url: /api/timeline } }
  - { id: web-home, kind: http, surface: web, request: { url: / } }
`);
  return { file, requests: () => requests };
}

function valueIn(text: string, name: string, labels: Record<string, string>): number | undefined {
  const found = parsePrometheusTextFormat(text)
    .find((f) => f.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return found?.value === undefined ? undefined : Number(found.value);
}

function withUser(url: string): string {
  const u = new URL(url);
  u.username = 'alice';
  u.password = PASSWORD;
  return u.href;
}

describe.skipIf(skipWithout(PUSHGATEWAY_BIN, 'prometheus-pushgateway'))('run --push-gateway, to a real Pushgateway', () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await startPushgateway();
  }, 40_000);
  afterAll(() => gateway?.close());

  it('pushes the run as the vantage\'s group, and the exit code stays the probes\' verdict', async () => {
    const { file } = await service();
    const json = join(dirname(file), 'report.json');
    const result = await runCli(['run', file, '--vantage', 'lab1', '--push-gateway', gateway.url, '--json', json]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const page = await (await fetch(`${gateway.url}/metrics`)).text();
    const group = { job: 'upprobe', vantage: 'lab1' };
    expect(valueIn(page, 'upprobe_probe_success', { ...group, probe: 'api-timeline', surface: 'api' })).toBe(0);
    expect(valueIn(page, 'upprobe_probe_success', { ...group, probe: 'web-home', surface: 'web' })).toBe(1);
    expect(valueIn(page, 'upprobe_probe_failures_total', { ...group, probe: 'api-timeline', class: 'http_5xx' })).toBe(2);
    expect(valueIn(page, 'upprobe_run_exit_code', group)).toBe(1);
    expect(valueIn(page, 'push_failure_time_seconds', group)).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { exitCode: number }).exitCode).toBe(1);
  });

  it('a push to a closed port: named on stderr without its credentials, exit 2, the JSON report written with the probes\' exitCode', async () => {
    const { file } = await service();
    const json = join(dirname(file), 'report.json');
    const port = await closedPort();
    const result = await runCli(['run', file, '--vantage', 'lab1', '--push-gateway', withUser(`http://127.0.0.1:${port}/`), '--json', json], {
      env: { UPPROBE_PUSH_BEARER_TOKEN: TOKEN },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^upprobe: Pushgateway push to http://127\\.0\\.0\\.1:${port}/metrics/job/upprobe/vantage/lab1 failed: .*ECONNREFUSED.*\\n$`));
    for (const output of [result.stdout, result.stderr, readFileSync(json, 'utf8')]) {
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain('alice');
      expect(output).not.toContain(TOKEN);
    }
    expect(result.stdout).toMatch(/api-timeline/); // the tables came first
    expect((JSON.parse(readFileSync(json, 'utf8')) as { exitCode: number }).exitCode).toBe(1);
  });
});

describe.skipIf(skipWithout(PROMETHEUS_BIN, 'prometheus'))('run --remote-write, to a real Prometheus', () => {
  let prometheus: RunningServer;
  beforeAll(async () => {
    prometheus = await startPrometheus();
  }, 40_000);
  afterAll(() => prometheus?.close());

  it('sends the run\'s series with job="upprobe", and a query finds them', async () => {
    const { file } = await service();
    const result = await runCli(['run', file, '--vantage', 'lab2', '--remote-write', `${prometheus.url}/api/v1/write`, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const query = encodeURIComponent('upprobe_probe_success{job="upprobe",vantage="lab2"}');
    const answer = (await (await fetch(`${prometheus.url}/api/v1/query?query=${query}`)).json()) as {
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    const byProbe = Object.fromEntries(answer.data.result.map((s) => [s.metric.probe ?? '', s.value[1]]));
    expect(byProbe).toEqual({ 'api-timeline': '0', 'web-home': '1' });
  });
});

describe('push flags, without a Prometheus', () => {
  it('an unusable URL is refused before anything is probed (exit 2), without its credentials', async () => {
    const { file, requests } = await service();
    const result = await runCli(['run', file, '--remote-write', `ftp://alice:${PASSWORD}@127.0.0.1/`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('upprobe: --remote-write: not an http(s) URL (ftp:): "…@127.0.0.1/"\n');
    expect(requests()).toBe(0);
  });

  it('signs both pushes in with UPPROBE_PUSH_BEARER_TOKEN, and the Basic credentials of a URL', async () => {
    const { file } = await service();
    const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
    const receiver = await keep(
      startHttpServer((req, res) => {
        req.resume().on('end', () => {
          seen.push({ path: req.url ?? '', headers: req.headers });
          res.writeHead(200).end();
        });
      }),
    );
    const result = await runCli(
      ['run', file, '--vantage', 'eu/west', '--push-gateway', withUser(receiver.url), '--remote-write', `${receiver.url}/api/v1/write`, '--quiet'],
      { env: { UPPROBE_PUSH_BEARER_TOKEN: TOKEN } },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(seen.map((s) => [s.path, s.headers.authorization])).toEqual([
      [`/metrics/job/upprobe/vantage@base64/${Buffer.from('eu/west').toString('base64url')}`, `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`],
      ['/api/v1/write', `Bearer ${TOKEN}`],
    ]);
    expect(seen[1]?.headers['content-encoding']).toBe('snappy');
  });

  it('a failed push does not hide the other reports: every file is written, then exit 2', async () => {
    const { file } = await service();
    const dir = dirname(file);
    const port = await closedPort();
    const result = await runCli(['run', file, '--remote-write', `http://127.0.0.1:${port}/api/v1/write`, '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^upprobe: remote write to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write failed: /);
    expect(existsSync(join(dir, 'r.json'))).toBe(true);
    expect(existsSync(join(dir, 'r.xml'))).toBe(true);
  });
});
