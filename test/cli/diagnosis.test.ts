// Controls, the diagnosis block and exit 4, through the real CLI against loopback servers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closedPort, startHttpServer, startRawServer, type TestServer } from '../helpers/servers.js';

const servers: TestServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

/** A control that fails (every connection reset): unlike a closed port, no parallel test can take it over. */
async function failing(): Promise<string> {
  const s = await startRawServer((socket) => socket.resetAndDestroy());
  servers.push(s);
  return `${s.url}/`;
}

async function answering(status: number): Promise<string> {
  const s = await startHttpServer((_req, res) => res.writeHead(status).end('x'));
  servers.push(s);
  return s.url;
}

/** A file with one api probe at `probeUrl` and controls at `controls`. */
async function run(probeUrl: string, controls: string[], extra: string[] = []) {
  const file = probesFile(`version: 1
controls:
${controls.map((url) => `  - url: ${url}`).join('\n')}
probes:
  - { id: api-a, kind: http, surface: api, tags: [a], request: { url: "${probeUrl}" } }
  - { id: web-b, kind: http, surface: web, tags: [b], request: { url: "${await answering(200)}/" } }
`);
  const json = join(dirname(file), 'out.json');
  const result = await runCli(['run', file, '--json', json, '--timeout', '5s', ...extra]);
  return { ...result, report: JSON.parse(readFileSync(json, 'utf8')) as JsonReport, dir: dirname(file) };
}

describe('controls and exit 4', () => {
  it('a failing probe while every control fails: INCONCLUSIVE, exit 4, not blamed on the service', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/`;
    const { code, stdout, report } = await run(down, [await failing(), await failing()]);
    expect(code).toBe(4);
    expect(report.exitCode).toBe(4);
    expect(report.diagnosis?.prober).toMatchObject({ healthy: false, controls: { passed: 0, total: 2 } });
    expect(report.diagnosis?.consistentWith).toEqual(["a fault in the prober's own network or host, not necessarily in the service"]);
    expect(stdout).toMatch(/^INCONCLUSIVE 1\/2 probes failing · .*the prober's own network failed \(0\/2 controls\): failures not blamed on the service · exit 4$/m);
    // Controls are not probes: not in the totals, not in the probe list.
    expect(report.summary.probes).toBe(2);
    expect(report.probes.map((p) => p.id)).toEqual(['api-a', 'web-b']);
  });

  it('one control of two failing: still healthy, exit 1, the failure named as a reason', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/`;
    const dead = await failing();
    const { code, report } = await run(down, [`${await answering(500)}/`, dead]);
    expect(code).toBe(1);
    expect(report.diagnosis?.prober).toMatchObject({ healthy: true, controls: { passed: 1, total: 2 } });
    // (A busy machine may add the event-loop lag as a second reason.)
    expect(report.diagnosis?.prober.reasons[0]).toBe(`control ${dead} failed (reset)`);
    expect(report.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'network' });
    expect(report.diagnosis?.surfaces.web).toMatchObject({ state: 'up', layer: null });
  });

  it('every probe passing: exit 0 whatever the controls say', async () => {
    const { code, report } = await run(`${await answering(200)}/`, [await failing()]);
    expect(code).toBe(0);
    expect(report.diagnosis?.prober.healthy).toBe(false);
    expect(report.diagnosis?.headline).toBe('api up · web up · prober unhealthy (0/1 controls)');
  });

  it('controls run whatever --only selects', async () => {
    const { report } = await run(`${await answering(200)}/`, [`${await answering(204)}/`], ['--only', 'b']);
    expect(report.probes.map((p) => p.id)).toEqual(['web-b']);
    expect(report.diagnosis?.prober.controls).toEqual({ passed: 1, total: 1 });
    expect(report.diagnosis?.surfaces.api?.state).toBe('unprobed');
  });

  it('the JSON diagnosis block has SPEC\'s shape, its rates equal to summary.surfaces\'', async () => {
    const { report } = await run(`${await answering(503)}/`, [`${await answering(200)}/`]);
    const diagnosis = report.diagnosis!;
    expect(Object.keys(diagnosis).sort()).toEqual(['consistentWith', 'headline', 'prober', 'surfaces']);
    expect(diagnosis.surfaces.api).toEqual({
      state: 'down',
      layer: 'origin',
      failureRate: report.summary.surfaces.api?.failureRate,
      evidence: [expect.stringMatching(/^1 of 1 samples \(api-a\): 503 Service Unavailable in [\d.]+ms p50 after clean connects$/)],
    });
    expect(diagnosis.consistentWith).toEqual(['an application fault behind a working network']);
  });

  it('Prometheus, JUnit and the step summary carry the diagnosis', async () => {
    const base = await answering(503);
    const file = probesFile(`version: 1
controls: [{ url: "${await answering(200)}/" }]
probes:
  - { id: api-a, kind: http, surface: api, request: { url: "${base}/" } }
`);
    const dir = dirname(file);
    const summary = join(dir, 'summary.md');
    const { code } = await runCli(['run', file, '--prom', join(dir, 'm.prom'), '--junit', join(dir, 'j.xml')], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(code).toBe(1);
    const families = parsePrometheusTextFormat(readFileSync(join(dir, 'm.prom'), 'utf8'));
    const value = (name: string, labels: Record<string, string> = {}) =>
      families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => (m as { labels?: Record<string, string> }).labels?.[k] === v));
    expect(value('upprobe_prober_healthy')?.value).toBe('1');
    expect(value('upprobe_surface_state', { surface: 'api', state: 'down' })?.value).toBe('1');
    expect(value('upprobe_surface_state', { surface: 'api', state: 'up' })?.value).toBe('0');
    expect(value('upprobe_surface_layer', { surface: 'api', layer: 'origin' })?.value).toBe('1');
    expect(value('upprobe_diagnosis_info', { headline: 'api down at the origin · prober healthy' })?.value).toBe('1');
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toContain('<property name="upprobe.diagnosis" value="api down at the origin · prober healthy"/>');
    expect(readFileSync(summary, 'utf8')).toContain('**Diagnosis:** api down at the origin · prober healthy');
  });
});

describe('controls: in the file', () => {
  it('a relative or non-http control is a config error with its line and column, exit 2', async () => {
    const file = probesFile(`version: 1
controls:
  - url: /health
  - url: ftp://x.example/
  - url: http://127.0.0.1:9/
    timeout: soon
probes:
  - { id: a, kind: http, surface: api, request: { url: "http://127.0.0.1:9/" } }
`);
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/probes\.yaml:3:\d+: controls\[0\]\.url: expected an absolute http or https URL/);
    expect(stderr).toMatch(/probes\.yaml:4:\d+: controls\[1\]\.url: .*http/);
    expect(stderr).toMatch(/probes\.yaml:6:\d+: controls\[2\]\.timeout: /);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an unset variable in a control names it', async () => {
    const file = probesFile(`version: 1
controls: [{ url: "\${env.UPPROBE_NO_SUCH_CONTROL}" }]
probes:
  - { id: a, kind: http, surface: api, request: { url: "http://127.0.0.1:9/" } }
`);
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('UPPROBE_NO_SUCH_CONTROL');
  });
});
