// `upprobe report --html` in a real browser: Debian's Chromium opens the page from file://, sees
// no console error and no request, and finds the charts drawn and the incidents listed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { haveChromium, launchChromium } from '../helpers/browser.js';

const HAVE = haveChromium();
const dir = mkdtempSync(join(tmpdir(), 'upprobe-html-'));

/** A recorded run with one api and one web probe; `api` and `web` are their failure rates. */
function record(minute: number, api: number, web = 0, diagnosis?: object): string {
  const surface = (rate: number) => ({ probes: 1, failedProbes: rate > 0 ? 1 : 0, samples: 10, failedSamples: rate * 10, failureRate: rate, failuresByClass: rate > 0 ? { http_5xx: rate * 10 } : {} });
  const probe = (id: string, s: 'api' | 'web', rate: number) => ({
    id, kind: 'http', surface: s, tags: [], passed: rate === 0, samples: 10, failedSamples: rate * 10, successRate: 1 - rate,
    latencyMs: { min: 1, mean: 5 + minute, p50: 4 + minute, p95: 9 + minute * 2, p99: 10 + minute * 2, max: 12 + minute * 2 },
    failuresByClass: rate > 0 ? { http_5xx: rate * 10 } : {},
  });
  return JSON.stringify({
    schemaVersion: 1, tool: { name: 'upprobe', version: 'test' }, vantage: 'fra1',
    startedAt: new Date(Date.UTC(2026, 2, 10, 10, minute)).toISOString(), durationMs: 900, exitCode: api > 0 || web > 0 ? 1 : 0,
    summary: { probes: 2, passed: 2, failed: (api > 0 ? 1 : 0) + (web > 0 ? 1 : 0), samples: 20, failedSamples: 0, surfaces: { api: surface(api), web: surface(web) } },
    probes: [probe('api-timeline', 'api', api), probe('web-home', 'web', web)],
    ...(diagnosis ? { diagnosis } : {}),
  });
}

describe.skipIf(!HAVE)('upprobe report --html in Chromium', () => {
  let browser: Browser;
  const history = join(dir, 'history.ndjson');
  const page = join(dir, 'report.html');

  beforeAll(async () => {
    const lines = [record(0, 0), record(1, 0), record(2, 0.6), record(3, 1), record(4, 0), record(5, 0, 0.2), record(6, 0, 0.2), record(7, 0),
      record(8, 0.9, 0, { headline: 'api down at the origin · web up <b>bold</b>', surfaces: { api: { state: 'down', layer: 'origin' }, web: { state: 'up', layer: null } } })];
    writeFileSync(history, `${lines.join('\n')}\n{"torn`);
    browser = await launchChromium();
  }, 30_000);
  afterAll(() => browser?.close());

  it('draws both charts, lists the incidents, shows the latest diagnosis, and requests nothing', async () => {
    const { code, stdout, stderr } = await runCli(['report', history, '--html', page]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`wrote ${page}: 9 runs, 3 incidents\n`);

    const tab = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('#latency-charts canvas');
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(page).href]);

    // Every chart drew: its canvas has pixels that are not blank.
    // Browser code as text: this project's TypeScript has no DOM types.
    const painted = await tab.evaluate<number[]>(`[...document.querySelectorAll('canvas')].map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    })`);
    expect(painted).toHaveLength(3); // failure rate, and p50/p95 for each of two probes
    for (const inked of painted) expect(inked).toBeGreaterThan(100);

    const rows = await tab.evaluate<string[][]>(`[...document.querySelectorAll('#incidents tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))`);
    expect(rows).toEqual([
      ['api', 'down', '2026-03-10 10:08 UTC', 'ongoing', '–', '1', '90%', 'origin'],
      ['web', 'degraded', '2026-03-10 10:05 UTC', '2026-03-10 10:07 UTC', '2 min', '2', '20%', 'http_5xx'],
      ['api', 'down', '2026-03-10 10:02 UTC', '2026-03-10 10:04 UTC', '2 min', '2', '100%', 'http_5xx'],
    ]);
    expect(await tab.textContent('#latest .headline')).toBe('api down at the origin · web up <b>bold</b>');
    expect(await tab.textContent('.meta')).toContain('1 malformed line skipped');
    await tab.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    await tab.close();
  });

  it('reads at a phone width without the page scrolling sideways', async () => {
    const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('#latency-charts canvas');
    const overflow = await tab.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await tab.screenshot({ path: join(dir, 'report-phone.png'), fullPage: true });
    await tab.close();
  });
});

describe('upprobe report errors', () => {
  it('exits 2 for a missing history, and for one without a run', async () => {
    const missing = await runCli(['report', join(dir, 'nope.ndjson'), '--html', join(dir, 'x.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.ndjson: no such file/);
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, 'not a run\n');
    const none = await runCli(['report', empty, '--html', join(dir, 'x.html')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no runs recorded in .*empty\.ndjson \(1 malformed lines\)/);
  });

  it('--last keeps only the newest runs', async () => {
    const history = join(dir, 'last.ndjson');
    writeFileSync(history, [record(0, 1), record(1, 0), record(2, 0)].join('\n'));
    const out = join(dir, 'last.html');
    const { code } = await runCli(['report', history, '--html', out, '--last', '2']);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('2 runs from 2026-03-10 10:01 UTC');
    expect(html).toContain('No incident');
  });
});
