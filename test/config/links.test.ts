// `kind: links` in probes.yaml: defaults, resolution against the base, and positioned problems.
import { describe, expect, it } from 'vitest';
import type { LinksProbe } from '../../src/probes/links/schema.js';
import { USER_AGENT } from '../../src/version.js';
import { lines, load, problemsOf } from './helpers.js';

function linksProbe(...probeLines: string[]): string {
  return lines('version: 1', 'defaults:', '  baseUrl: https://example.com/app/', 'probes:', '  - id: l', '    kind: links', '    surface: web', ...probeLines);
}

function onlyLinks(text: string, overrides = {}, env = {}): LinksProbe {
  const [probe] = load(text, overrides, env).probes;
  if (probe?.kind !== 'links') throw new Error('expected one links probe');
  return probe;
}

describe('links probe: loading', () => {
  it('fills built-in defaults and resolves urls against the base', () => {
    expect(onlyLinks(linksProbe('    links: { urls: [/t/abc, "next?x=1", "https://other.test/"] }'))).toEqual({
      id: 'l',
      kind: 'links',
      surface: 'web',
      tags: [],
      samples: 1,
      thresholds: { successRate: 1 },
      links: { urls: ['https://example.com/t/abc', 'https://example.com/app/next?x=1', 'https://other.test/'], fromPage: null, limit: 1000 },
      headers: { 'user-agent': USER_AGENT },
      maxRedirects: 10,
      retry: { retries: 0, delayMs: 1000 },
      timeoutMs: 10_000,
      // The page a links probe reads has its own, larger default: documentation pages are big.
      maxBodySize: 10 * 1024 * 1024,
      insecure: false,
      reach: { transport: {}, decompress: false },
      expect: {},
      hostConcurrency: 4,
      reuseConnections: false,
    });
  });

  it('reads fromPage (all four elements unless select says), limit, its own settings and flags', () => {
    const probe = onlyLinks(
      linksProbe(
        '    links: { fromPage: { url: / }, limit: 50 }',
        '    maxRedirects: 3',
        '    hostConcurrency: 2',
        '    headers: { x-team: "${env.TEAM}" }',
        '    expect: { status: [200, 204], maxLatency: 1s, finalUrl: /landing }',
      ),
      { timeoutMs: 1500 },
      { TEAM: 'web' },
    );
    expect(probe.links).toEqual({ urls: [], fromPage: { url: 'https://example.com/', select: ['a', 'img', 'script', 'link'] }, limit: 50 });
    expect(probe).toMatchObject({ maxRedirects: 3, hostConcurrency: 2, timeoutMs: 1500, headers: { 'x-team': 'web' } });
    expect(probe.expect).toEqual({ status: { codes: [200, 204], classes: [] }, maxLatencyMs: 1000, finalUrl: { op: 'equals', value: 'https://example.com/landing' } });
  });

  it('keeps a finalUrl pattern as a pattern', () => {
    const probe = onlyLinks(linksProbe('    links: { urls: [/a] }', '    expect: { finalUrl: { matches: "^https://" } }'));
    const check = probe.expect.finalUrl;
    expect(check?.op).toBe('matches');
    expect(check?.op === 'matches' && check.value.source).toBe('^https://');
    expect(check?.op === 'matches' && check.value.test('https://example.com/')).toBe(true);
  });
});

describe('links probe: problems', () => {
  it('samples does not apply: each link is checked once', () => {
    expect(problemsOf(linksProbe('    samples: 3', '    links: { urls: [/a] }'))).toEqual([
      'probes.yaml:8:5: probes[0]: a links probe checks each link once per run: samples does not apply',
    ]);
  });

  it('links needs urls, fromPage or both', () => {
    expect(problemsOf(linksProbe('    links: { limit: 5 }'))).toEqual(['probes.yaml:8:12: probes[0].links: expected urls, fromPage or both']);
    expect(problemsOf(linksProbe('    maxRedirects: 1'))).toEqual([
      'probes.yaml:5:5: probes[0]: missing required key "links" (urls, fromPage or both: which links to check)',
    ]);
  });

  it('select lists known elements only; unknown keys list the allowed ones', () => {
    expect(problemsOf(linksProbe('    links: { fromPage: { url: /, select: [a, iframe] } }'))).toEqual([
      'probes.yaml:8:46: probes[0].links.fromPage.select[1]: expected one of a, img, script, link, got "iframe"',
    ]);
    expect(problemsOf(linksProbe('    links: { urls: [/a], depth: 2 }'))).toEqual([
      'probes.yaml:8:26: probes[0].links: unknown key "depth" (allowed: urls, fromPage, limit)',
    ]);
  });

  it('an unset variable or a bad URL points at the url', () => {
    expect(problemsOf(linksProbe('    links: { urls: [/a, "/${env.NOPE}"], fromPage: { url: "ftp://x.test/" } }'))).toEqual([
      'probes.yaml:8:25: probes[0].links.urls[1]: environment variable NOPE is not set (read by ${env.NOPE})',
      'probes.yaml:8:59: probes[0].links.fromPage.url: url "ftp://x.test/" must use http or https, not ftp',
    ]);
  });

  it('expect takes status, maxLatency, finalUrl and certificate only', () => {
    expect(problemsOf(linksProbe('    links: { urls: [/a] }', '    expect: { body: { contains: x } }'))).toEqual([
      'probes.yaml:9:15: probes[0].expect: unknown key "body" (allowed: status, maxLatency, finalUrl, certificate)',
    ]);
  });
});
