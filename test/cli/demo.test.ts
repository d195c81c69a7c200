// The demo through the real CLI: each scenario's exit code and per-surface failure rates.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/target/scenario-names.js';
import { runCli } from '../helpers/cli.js';

interface Report {
  schemaVersion: number;
  exitCode: number;
  summary: { surfaces: Record<'api' | 'web', { failureRate: number; failuresByClass: Record<string, number>; failedProbes: number }> };
  probes: {
    id: string;
    surface: string;
    passed: boolean;
    latencyMs: unknown;
    errors: { class: string; step: string | null; message: string; count: number }[];
    steps?: { id: string; failuresByClass: Record<string, number>; skipped: number }[];
  }[];
}

async function demo(...args: string[]) {
  const result = await runCli(['demo', '--json', '-', ...args]);
  const report = JSON.parse(result.stdout) as Report;
  return { ...result, report };
}

describe('upprobe demo', () => {
  it('healthy: every probe passes, exit 0, tables on stderr when the JSON takes stdout', async () => {
    const { code, report, stderr } = await demo();
    expect(code).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.probes.every((p) => p.passed)).toBe(true);
    expect(stderr).toMatch(/PASS .* exit 0/);
  });

  it('app-outage: the API fails with http_5xx while the web stays green', async () => {
    const { code, report } = await demo('--scenario', 'app-outage');
    expect(code).toBe(1);
    const { api, web } = report.summary.surfaces;
    expect(api.failureRate).toBeGreaterThan(0.3);
    expect(Object.keys(api.failuresByClass)).toEqual(['http_5xx']);
    expect(web.failureRate).toBe(0);
    expect(web.failedProbes).toBe(0);
  });

  it('web-outage: pages fail with http_5xx while the API stays green', async () => {
    const { code, report } = await demo('--scenario', 'web-outage');
    expect(code).toBe(1);
    expect(report.summary.surfaces.api.failureRate).toBe(0);
    expect(report.summary.surfaces.web.failuresByClass.http_5xx).toBeGreaterThan(0);
  });

  it('slow: responses arrive but fail as slow', async () => {
    // The API alone: every answer waits 1.2 s, and the links probes' chains would take ~8 s more.
    const { code, report } = await demo('--scenario', 'slow', '--surface', 'api', '--samples', '2', '--timeout', '5s');
    expect(code).toBe(1);
    expect(report.summary.surfaces.api.failuresByClass.slow).toBeGreaterThan(0);
  });

  it('hang: every sample times out naming the phase, within the timeout budget', async () => {
    const { code, report, ms } = await demo('--scenario', 'hang', '--samples', '2', '--timeout', '300ms');
    expect(code).toBe(1);
    const classes = report.probes.flatMap((p) => p.errors.map((e) => e.class));
    expect(new Set(classes)).toEqual(new Set(['timeout']));
    expect(report.probes[0]!.errors[0]!.message).toMatch(/phase ttfb/);
    expect(ms).toBeLessThan(10_000);
  });

  it('login-broken: only the login flow fails, at step submit; the API and the other pages stay green', async () => {
    const { code, report, stderr } = await demo('--scenario', 'login-broken', '--samples', '4');
    expect(code).toBe(1);
    expect(report.probes.filter((p) => !p.passed).map((p) => p.id)).toEqual(['login']);
    const login = report.probes.find((p) => p.id === 'login');
    expect(login?.errors.map((e) => [e.step, e.class, e.count])).toEqual([['submit', 'http_5xx', 4]]);
    expect(login?.steps?.map((s) => [s.id, s.failuresByClass, s.skipped])).toEqual([
      ['form', {}, 0],
      ['submit', { http_5xx: 4 }, 0],
      ['me', {}, 4],
    ]);
    expect(report.summary.surfaces.api.failureRate).toBe(0);
    expect(stderr).toMatch(/login › submit .*http_5xx×4/);
    expect(stderr).toMatch(/login +submit +http_5xx +×4 +500 Internal Server Error/);
    expect(stderr).not.toContain('upprobe-demo-password');
  });

  it('login-slow: signing in answers, too slowly: class slow at step submit', async () => {
    const { code, report } = await demo('--scenario', 'login-slow', '--samples', '2', '--timeout', '5s');
    expect(code).toBe(1);
    expect(report.probes.filter((p) => !p.passed).map((p) => p.id)).toEqual(['login']);
    expect(report.probes.find((p) => p.id === 'login')?.errors.map((e) => [e.step, e.class])).toEqual([['submit', 'slow']]);
  });

  it('fits its tables into 80 columns, and spaces them wider when there is room', async () => {
    const narrow = await runCli(['demo'], { env: { COLUMNS: '80' } });
    const wide = await runCli(['demo'], { env: { COLUMNS: '200' } });
    expect(narrow.code).toBe(0);
    // Every line but the last: the verdict stays one line, whatever the width.
    const lines = narrow.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^PASS .* exit 0$/);
    const longest = Math.max(...lines.slice(0, -1).map((line) => line.length));
    expect(longest).toBeLessThanOrEqual(80);
    expect(wide.stdout).toMatch(/^probe +kind +surface {2}samples {2}ok %/m);
    expect(narrow.stdout).toMatch(/^probe +kind +surface samples ok %/m);
  });

  it('rejects an unknown scenario as a usage error', async () => {
    const { code, stderr } = await runCli(['demo', '--scenario', 'meteor']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown scenario "meteor"/);
  });

  it('--help of demo and target lists every scenario', async () => {
    for (const command of ['demo', 'target']) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      const help = stdout.replace(/\s+/g, ' '); // commander wraps the line to the terminal
      const listed = /--scenario <name> what the target should break: ([^(]+) \(default: "healthy"\)/.exec(help)?.[1];
      expect(listed?.split(', ')).toEqual([...SCENARIOS]);
    }
  });
});
