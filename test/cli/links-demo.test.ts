// The links scenarios through the real CLI: exactly the broken links fail, with their chains.
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';

async function demo(scenario: string) {
  const result = await runCli(['demo', '--scenario', scenario, '--json', '-']);
  const report = JSON.parse(result.stdout) as JsonReport;
  const probe = (id: string) => {
    const found = report.probes.find((p) => p.id === id);
    if (!found) throw new Error(`no probe ${id}`);
    return found;
  };
  const origin = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(result.stderr)?.[1] ?? '';
  return { ...result, report, probe, origin };
}

describe('upprobe demo --scenario links-broken', () => {
  it('fails exactly the broken short links, as http_4xx and redirect on the web surface, each with its chain', async () => {
    const { code, report, probe, origin, stderr } = await demo('links-broken');
    expect(code).toBe(1);
    const shortLinks = probe('short-links');
    expect(shortLinks).toMatchObject({ kind: 'links', surface: 'web', passed: false, samples: 5, failedSamples: 3 });
    const chains = Object.fromEntries(shortLinks.errors.map((e) => [e.url.slice(origin.length), [e.class, e.hops?.map((h) => `${h.url.slice(origin.length)} ${h.status}`)]]));
    expect(chains).toEqual({
      '/t/def': ['http_4xx', ['/t/def 404']],
      '/t/mno': ['http_4xx', ['/t/mno 301', '/status/1004 404']],
      '/t/ghi': ['redirect', ['/t/ghi 301', '/t/ghi/ 301']],
    });
    for (const error of shortLinks.errors) for (const hop of error.hops ?? []) expect(hop.ms).toBeGreaterThan(0);
    // Everything else stays green: the other probes, and the API surface.
    expect(report.probes.filter((p) => !p.passed).map((p) => p.id)).toEqual(['short-links']);
    expect(report.summary.surfaces.web?.failuresByClass).toEqual({ http_4xx: 2, redirect: 1 });
    expect(report.summary.surfaces.api?.failedSamples).toBe(0);
    // The table shows the chain hop by hop.
    expect(stderr).toMatch(/short-links +\/t\/mno +http_4xx +×1 +404 Not Found · \/t\/mno 301 [\d.]+m?s → \/status\/1004 404/);
    expect(stderr).toMatch(/short-links +\/t\/ghi +redirect +×1 +redirect loop back to/);
  });
});

describe('upprobe demo --scenario images-broken', () => {
  it('fails exactly the home page’s images as http_4xx while its other links stay green', async () => {
    const { code, report, probe, origin } = await demo('images-broken');
    expect(code).toBe(1);
    const home = probe('home-links');
    expect(home).toMatchObject({ surface: 'web', passed: false, failuresByClass: { http_4xx: 4 } });
    expect(home.errors.map((e) => e.url.slice(origin.length)).sort()).toEqual(['/static/img/1001.svg', '/static/img/1002.svg', '/static/img/1003.svg', '/static/logo.svg']);
    expect(home.samples).toBeGreaterThan(4);
    expect(home.links).toMatchObject({ page: `${origin}/`, skipped: 0, overLimit: 0 });
    expect(report.probes.filter((p) => !p.passed).map((p) => p.id)).toEqual(['home-links']);
    expect(report.summary.surfaces.web?.failuresByClass).toEqual({ http_4xx: 4 });
  });
});
