// `upprobe check URL…` through the real CLI, against the built-in target and a closed port.
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';
import { closedPort } from '../helpers/servers.js';
import { useTarget } from '../target/use-target.js';

describe('upprobe check', () => {
  const startTarget = useTarget();

  it('passes on healthy URLs: one web probe per URL, ids from host and path, exit 0', async () => {
    const target = await startTarget();
    const { code, stdout, stderr } = await runCli(['check', `${target.url}/`, `${target.url}/api/health`, '--json']);
    expect(stderr).toMatch(/PASS 2\/2 probes/);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.probes.map((p) => [p.id, p.kind, p.surface, p.samples])).toEqual([
      ['127.0.0.1', 'http', 'web', 1],
      ['127.0.0.1-api-health', 'http', 'web', 1],
    ]);
    expect(report.probes[0]?.thresholds).toEqual([{ name: 'successRate', limit: 1, actual: 1, passed: true }]);
  });

  it('takes run flags: --surface says what the URLs are, -n the samples', async () => {
    const target = await startTarget();
    const { code, stdout } = await runCli(['check', `${target.url}/api/timeline`, '--surface', 'api', '-n', '3', '--json', '-']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.probes.map((p) => [p.id, p.surface, p.samples])).toEqual([['127.0.0.1-api-timeline', 'api', 3]]);
  });

  it('fails with exit 1 and the failure class when the page answers 502 (web-outage)', async () => {
    const target = await startTarget({ scenario: 'web-outage' });
    const { code, stdout } = await runCli(['check', `${target.url}/`, `${target.url}/api/health`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^127\.0\.0\.1 .*http_5xx×1/m);
    expect(stdout).toMatch(/FAIL 1\/2 probes failing · web 50% of samples failing · web down at the origin · exit 1/);
  });

  it('classifies a refused connection as connect, exit 1', async () => {
    const port = await closedPort();
    const { code, stdout } = await runCli(['check', `http://127.0.0.1:${port}/health`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/127\.0\.0\.1-health .*connect×1/);
  });

  it('refuses what is not an http(s) URL with one line and exit 2, probing nothing', async () => {
    for (const [url, says] of [
      ['ftp://127.0.0.1/file', /"ftp:\/\/127\.0\.0\.1\/file" is not an http or https URL \(its scheme is ftp\)/],
      ['localhost:8080/health', /did you mean "https:\/\/localhost:8080\/health"\?/],
    ] as const) {
      const { code, stdout, stderr } = await runCli(['check', url]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(says);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('gives repeated host-and-path ids a suffix, so both are reported', async () => {
    const target = await startTarget();
    const { code, stdout } = await runCli(['check', `${target.url}/api/health`, `${target.url}/api/health?x=1`, '--json', '-']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as JsonReport).probes.map((p) => p.id)).toEqual(['127.0.0.1-api-health', '127.0.0.1-api-health-2']);
  });

  it('resolves /paths against --base-url, and refuses them without it', async () => {
    const target = await startTarget();
    const { code, stdout } = await runCli(['check', '/api/health', '/', '--base-url', target.url, '--json', '-']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as JsonReport).probes.map((p) => p.id)).toEqual(['127.0.0.1-api-health', '127.0.0.1']);
    const alone = await runCli(['check', '/api/health']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/"\/api\/health" is a path: give a whole URL, or --base-url to resolve it against/);
  });
});
