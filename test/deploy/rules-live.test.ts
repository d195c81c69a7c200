// The shipped rules in a real Prometheus, fed by real runs: three vantages run upprobe against a
// loopback service and remote-write their metrics; the recording rules then count two of three
// failing on api and none on web, and UpprobeSurfaceDown is pending for api (it would fire after
// its `for`), which shows the rules and the metrics agree on names and labels. A probe served an
// expired certificate makes UpprobeCertificateExpiring pending too.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { PROMETHEUS_BIN, startPrometheus, type RunningServer } from '../helpers/prometheus.js';
import { skipWithout } from '../helpers/programs.js';
import { closeAfterEach, keep, startHttpServer, startHttpsServer } from '../helpers/servers.js';

const RULES = fileURLToPath(new URL('../../deploy/prometheus/upprobe.rules.yml', import.meta.url));
closeAfterEach();

interface Series {
  metric: Record<string, string>;
  value: [number, string];
}

describe.skipIf(skipWithout(PROMETHEUS_BIN, 'prometheus'))('the rules on real pushes', () => {
  let prometheus: RunningServer;
  beforeAll(async () => {
    prometheus = await startPrometheus({ ruleFiles: [RULES] });
  }, 40_000);
  afterAll(() => prometheus?.close());

  async function query(promql: string): Promise<Series[]> {
    const answer = (await (await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`)).json()) as { data: { result: Series[] } };
    return answer.data.result;
  }

  /** Polls until the query returns something (rules are evaluated every second). */
  async function eventually(promql: string): Promise<Series[]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const result = await query(promql);
      if (result.length > 0) return result;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no result for ${promql} after 20 s`);
  }

  it('two of three vantages failing on api: ratio 2/3, UpprobeSurfaceDown pending for api only; an expired certificate alerts', async () => {
    const up = await keep(startHttpServer((_req, res) => res.end('ok')));
    // Its certificate expired in 2001; `insecure` lets the probe pass, the metric still says when.
    const expired = await keep(startHttpsServer((_req, res) => res.end('ok'), 'expired'));
    const apiDown = await keep(startHttpServer((req, res) => res.writeHead(req.url === '/api' ? 503 : 200).end('ok')));
    for (const [vantage, service] of [['fra1', apiDown], ['iad1', apiDown], ['sin1', up]] as const) {
      const file = probesFile(`version: 1
defaults: { baseUrl: "${service.url}", samples: 2 }
probes:
  - { id: api-home, kind: http, surface: api, request: { url: /api } }
  - { id: web-home, kind: http, surface: web, request: { url: / } }
  - { id: web-legacy, kind: http, surface: web, request: { url: "${expired.url}/", insecure: true } }
`);
      const run = await runCli(['run', file, '--vantage', vantage, '--remote-write', `${prometheus.url}/api/v1/write`, '--quiet']);
      expect(run.stderr).toBe('');
    }

    // Rules may have run between two pushes: wait for an evaluation that saw all three.
    await eventually('upprobe:surface_healthy_vantages:count{surface="web"} == 3');
    const ratio = await query('upprobe:surface_failing_vantages:ratio');
    const bySurface = Object.fromEntries(ratio.map((s) => [s.metric.surface ?? '', Number(s.value[1])]));
    expect(bySurface.api).toBeCloseTo(2 / 3, 6);
    expect(bySurface.web).toBe(0);
    const healthy = await query('upprobe:vantage_healthy');
    expect(healthy.map((s) => s.metric.vantage).sort()).toEqual(['fra1', 'iad1', 'sin1']);

    const alerts = await eventually('ALERTS{alertname="UpprobeSurfaceDown"}');
    expect(alerts.map((s) => [s.metric.surface, s.metric.alertstate, s.metric.job])).toEqual([['api', 'pending', 'upprobe']]);
    const certificate = await eventually('ALERTS{alertname="UpprobeCertificateExpiring"}');
    expect(certificate.map((s) => [s.metric.probe, s.metric.surface, s.metric.alertstate])).toEqual([['web-legacy', 'web', 'pending']]);
  });
});
