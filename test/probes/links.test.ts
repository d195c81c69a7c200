// `kind: links` end to end through the real loader, runner and JSON report, against real servers.
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { tableReporter } from '../../src/report/table.js';
import { delayed, html, ok, redirect, runYaml, startRouter, type CountingServer, type Handler } from './links-helpers.js';
import { closeAfterEach, keep } from '../helpers/servers.js';

closeAfterEach();

async function serve(routes: Record<string, Handler>, fallback?: Handler): Promise<CountingServer> {
  const s = await startRouter(routes, fallback);
  keep(s);
  return s;
}

/** A probes file with one links probe; `lines` are the probe's own keys, indented by 4. */
function linksFile(baseUrl: string, ...lines: string[]): string {
  return ['version: 1', `defaults: { baseUrl: "${baseUrl}", timeout: 3s }`, 'probes:', '  - id: links', '    kind: links', '    surface: web', ...lines.map((l) => `    ${l}`)].join('\n');
}

type ProbeEntry = JsonReport['probes'][number];
type ErrorEntry = ProbeEntry['errors'][number];

function probeOf(report: JsonReport): ProbeEntry {
  const [probe] = report.probes;
  if (!probe) throw new Error('no probe in the report');
  return probe;
}

function errorFor(probe: ProbeEntry, url: string): ErrorEntry {
  const error = probe.errors.find((e) => e.url === url);
  if (!error) throw new Error(`no error for ${url}; errors: ${probe.errors.map((e) => e.url).join(', ')}`);
  return error;
}

describe('redirect chains, hop by hop', () => {
  it('reports chains of 0, 1 and N hops with each hop’s status and time; good chains pass', async () => {
    const s = await serve({
      '/zero': (_q, r) => r.writeHead(404).end(),
      '/one': redirect('/gone'),
      '/many': delayed(60, redirect('/m1', 302)),
      '/m1': redirect('/m2', 307),
      '/m2': redirect('/gone', 308),
      '/fine': redirect('/ok'),
      '/ok': ok,
    });
    const { report } = await runYaml(linksFile(s.url, 'links: { urls: [/zero, /one, /many, /fine] }', 'expect: { status: 200 }'));
    const probe = probeOf(report);
    expect(probe).toMatchObject({ kind: 'links', passed: false, samples: 4, failedSamples: 3, failuresByClass: { http_4xx: 3 } });

    const statuses = (url: string) => errorFor(probe, `${s.url}${url}`).hops?.map((h) => h.status);
    expect(statuses('/zero')).toEqual([404]);
    expect(statuses('/one')).toEqual([301, 404]);
    expect(statuses('/many')).toEqual([302, 307, 308, 404]);
    const many = errorFor(probe, `${s.url}/many`);
    expect(many.class).toBe('http_4xx');
    expect(many.hops?.map((h) => h.url)).toEqual(['/many', '/m1', '/m2', '/gone'].map((p) => s.url + p));
    expect(many.hops?.[0]?.ms).toBeGreaterThanOrEqual(55);
    for (const hop of many.hops ?? []) expect(hop.ms).toBeGreaterThan(0);
    expect(probe.errors.some((e) => e.url.endsWith('/fine'))).toBe(false);
  });

  it('a loop and a chain longer than maxRedirects fail as redirect', async () => {
    const s = await serve({
      '/loop-a': redirect('/loop-b'),
      '/loop-b': redirect('/loop-a'),
      '/r1': redirect('/r2'),
      '/r2': redirect('/r3'),
      '/r3': redirect('/r4'),
      '/r4': ok,
    });
    const { report } = await runYaml(linksFile(s.url, 'links: { urls: [/loop-a, /r1] }', 'maxRedirects: 2'));
    const probe = probeOf(report);
    const loop = errorFor(probe, `${s.url}/loop-a`);
    expect(loop).toMatchObject({ class: 'redirect', detail: { class: 'redirect', reason: 'loop', location: `${s.url}/loop-a` } });
    expect(loop.hops?.map((h) => h.status)).toEqual([301, 301]);
    const long = errorFor(probe, `${s.url}/r1`);
    expect(long).toMatchObject({ class: 'redirect', detail: { reason: 'too-many', maxRedirects: 2 } });
    expect(long.hops).toHaveLength(3);
    expect(s.hits.get('/r4')).toBeUndefined();
  });

  it('resolves relative and protocol-relative Location headers; expect.finalUrl checks where chains end', async () => {
    const other = await serve({ '/landed': ok });
    const s = await serve({
      '/dir/rel': redirect('target'),
      '/dir/target': ok,
      '/proto': redirect(`//127.0.0.1:${other.port}/landed`),
    });
    const passing = await runYaml(linksFile(s.url, 'links: { urls: [/dir/rel, /proto] }', 'expect: { finalUrl: { matches: "/(dir/target|landed)$" } }'));
    expect(probeOf(passing.report)).toMatchObject({ passed: true, samples: 2, failedSamples: 0 });
    expect(other.hits.get('/landed')).toBe(1);

    const strict = await runYaml(linksFile(s.url, 'links: { urls: [/dir/rel, /proto] }', 'expect: { finalUrl: /dir/target }'));
    const probe = probeOf(strict.report);
    expect(probe.failedSamples).toBe(1);
    const wrongEnd = errorFor(probe, `${s.url}/proto`);
    expect(wrongEnd).toMatchObject({ class: 'assertion', detail: { check: 'finalUrl', expected: `equals "${s.url}/dir/target"` } });
    expect(wrongEnd.hops?.map((h) => h.url)).toEqual([`${s.url}/proto`, `${other.url}/landed`]);
  });

  it('a 3xx without Location is protocol; a redirect to another scheme is redirect', async () => {
    const s = await serve({ '/nowhere': redirect(null, 302), '/ftp': redirect('ftp://files.test/x') });
    const { report } = await runYaml(linksFile(s.url, 'links: { urls: [/nowhere, /ftp] }'));
    const probe = probeOf(report);
    expect(errorFor(probe, `${s.url}/nowhere`)).toMatchObject({ class: 'protocol', detail: { reason: 'missing-location' }, hops: [{ status: 302 }] });
    expect(errorFor(probe, `${s.url}/ftp`)).toMatchObject({ class: 'redirect', detail: { reason: 'scheme', location: 'ftp://files.test/x' } });
  });

  it('does not carry credentials to another origin', async () => {
    const other = await serve({ '/who': ok });
    const s = await serve({ '/cross': redirect(`${other.url}/who`, 302), '/same': redirect('/who'), '/who': ok });
    const { report } = await runYaml(linksFile(s.url, 'links: { urls: [/cross, /same] }', 'headers: { authorization: "Bearer t0k", cookie: "sid=1" }'));
    expect(probeOf(report).passed).toBe(true);
    expect(s.headers.get('/cross')?.authorization).toBe('Bearer t0k');
    expect(s.headers.get('/who')?.authorization).toBe('Bearer t0k');
    expect(other.headers.get('/who')?.authorization).toBeUndefined();
    expect(other.headers.get('/who')?.cookie).toBeUndefined();
  });

  it('429 is http_4xx with its Retry-After in the detail and the message', async () => {
    const s = await serve({ '/busy': (_q, r) => r.writeHead(429, { 'retry-after': '120' }).end() });
    const { report } = await runYaml(linksFile(s.url, 'links: { urls: [/busy] }'));
    const error = errorFor(probeOf(report), `${s.url}/busy`);
    expect(error).toMatchObject({ class: 'http_4xx', detail: { status: 429, retryAfter: '120' } });
    expect(error.message).toContain('Retry-After: 120');
  });

  it('checks with GET and reads only the start of a large body, which is no failure', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'x');
    const methods: string[] = [];
    const s = await serve({
      '/video.mp4': (q, r) => {
        methods.push(q.method ?? '');
        r.writeHead(200, { 'content-length': big.length }).end(big);
      },
    });
    const { report } = await runYaml(linksFile(s.url, 'links: { urls: [/video.mp4] }', 'maxBodySize: 1KiB'));
    expect(probeOf(report)).toMatchObject({ passed: true, samples: 1 });
    expect(methods).toEqual(['GET']);
  });
});

describe('links found in a page', () => {
  const PAGE = `<!doctype html><html><head>
    <base href="/assets/">
    <link rel="stylesheet" href="site.css"><link rel="preconnect" href="https://cdn.example">
    <script src="app.js"></script>
  </head><body>
    <a href="/about#team">About</a> <a href="/about">About again</a> <a href="#top">Top</a>
    <a href="mailto:hi@example.com">Mail</a> <a href="tel:+15550100">Call</a>
    <a href="javascript:void(0)">Menu</a> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <img src="logo.png" srcset="logo-2x.png 2x, /img/logo-3x.png 3x">
    <a href="http://[broken">Broken</a>
  </body></html>`;

  it('checks a, img (src and srcset), script and link references once each, honouring <base href>', async () => {
    const s = await serve({ '/page': html(PAGE) }, ok);
    const { report, result } = await runYaml(linksFile(s.url, 'links: { fromPage: { url: /page } }'));
    const probe = probeOf(report);
    expect(probe).toMatchObject({ passed: true, samples: 7, failedSamples: 0 });
    // The result holds the list itself, not a getter that would keep the probe's page alive.
    expect(Array.isArray(Object.getOwnPropertyDescriptor(result.probes[0]!.kindData, 'checked')?.value)).toBe(true);
    const checked = [...s.hits.keys()].filter((p) => p !== '/page').sort();
    // `#top` resolves against the base too (/assets/), as in a browser.
    const expected = ['/about', '/assets/', '/assets/app.js', '/assets/logo-2x.png', '/assets/logo.png', '/assets/site.css', '/img/logo-3x.png'];
    expect(checked).toEqual(expected);
    for (const path of checked) expect(s.hits.get(path), path).toBe(1);
    const { checked: listed, ...counts } = probe.links as typeof probe.links & { checked?: { url: string; status: number | null }[] };
    expect(counts).toEqual({ page: `${s.url}/page`, found: 13, skipped: 4, invalid: 1, duplicates: 1, overLimit: 0 });
    // Every link checked is listed (as linkchecker -v does), with its final status.
    expect(listed?.map((l) => [new URL(l.url).pathname, l.status]).sort()).toEqual(expected.map((p) => [p, 200]).sort());
  });

  it('select and limit choose what is checked; the rest is counted', async () => {
    const links = Array.from({ length: 30 }, (_, i) => `<a href="/p${i}">${i}</a><img src="/i${i}.png">`).join('');
    const s = await serve({ '/': html(links) }, ok);
    const { report } = await runYaml(linksFile(s.url, 'links: { fromPage: { url: /, select: [img] }, limit: 10 }'));
    const probe = probeOf(report);
    expect(probe.samples).toBe(10);
    expect(probe.links).toMatchObject({ found: 30, overLimit: 20 });
    expect([...s.hits.keys()].filter((p) => p.startsWith('/p'))).toEqual([]);
  });

  it('resolves the page’s links against where its own redirects ended', async () => {
    const s = await serve({ '/old': redirect('/new/index.html'), '/new/index.html': html('<a href="child">c</a>') }, ok);
    const { report } = await runYaml(linksFile(s.url, 'links: { fromPage: { url: /old } }'));
    expect(probeOf(report)).toMatchObject({ passed: true, samples: 1 });
    expect(s.hits.get('/new/child')).toBe(1);
    expect(probeOf(report).links?.page).toBe(`${s.url}/new/index.html`);
  });

  it('a page that fails to load fails the probe with its own class; it is not a sample', async () => {
    const s = await serve({ '/down': (_q, r) => r.writeHead(503).end('down'), '/ok': ok });
    const { report } = await runYaml(linksFile(s.url, 'links: { fromPage: { url: /down }, urls: [/ok] }'));
    const probe = probeOf(report);
    expect(probe).toMatchObject({ passed: false, samples: 1, failedSamples: 0, failuresByClass: { http_5xx: 1 } });
    expect(probe.errors).toEqual([
      expect.objectContaining({ class: 'http_5xx', step: 'page', url: `${s.url}/down`, hops: [expect.objectContaining({ status: 503 })] }),
    ]);
    expect(s.hits.get('/ok')).toBe(1);
    expect(report.summary.surfaces.web?.failuresByClass).toEqual({ http_5xx: 1 });
    expect(report.exitCode).toBe(1);
  });

  it('a page that never answers fails as timeout within the timeout', async () => {
    const s = await serve({ '/hang': () => undefined });
    const started = performance.now();
    const { report } = await runYaml(linksFile(s.url, 'links: { fromPage: { url: /hang } }', 'timeout: 300ms'));
    const probe = probeOf(report);
    expect(probe).toMatchObject({ passed: false, samples: 0, failuresByClass: { timeout: 1 } });
    expect(probe.errors[0]).toMatchObject({ step: 'page', detail: { class: 'timeout', phase: 'ttfb' } });
    expect(performance.now() - started).toBeLessThan(2300);
  });
});

describe('politeness and scale', () => {
  const URLS = Array.from({ length: 24 }, (_, i) => `/l${i}`).join(', ');

  it('never opens more than hostConcurrency connections to one host (counted by the server)', async () => {
    // Kept-alive connections stay open between links, so the server's count of open ones is exact.
    const s = await serve({}, delayed(40, ok));
    const { report } = await runYaml(linksFile(s.url, `links: { urls: [${URLS}] }`, 'hostConcurrency: 3', 'reuseConnections: true'), { concurrency: 16 });
    expect(probeOf(report)).toMatchObject({ passed: true, samples: 24 });
    expect(s.peakConnections).toBeLessThanOrEqual(3);
    expect(s.peakConnections).toBeGreaterThanOrEqual(2);
    expect(s.accepted).toBeLessThanOrEqual(3);
  });

  it('with a fresh connection per link, no more than hostConcurrency are busy at once', async () => {
    const s = await serve({}, delayed(40, ok));
    const { report } = await runYaml(linksFile(s.url, `links: { urls: [${URLS}] }`, 'hostConcurrency: 3'), { concurrency: 16 });
    expect(probeOf(report)).toMatchObject({ passed: true, samples: 24 });
    expect(s.accepted).toBe(24);
    expect(s.peakActive).toBeLessThanOrEqual(3);
    expect(s.peakActive).toBeGreaterThanOrEqual(2);
  });

  it('applies the default cap of 4 per host, while links to other hosts use the rest of the limit', async () => {
    const a = await serve({}, delayed(40, ok));
    const b = await serve({}, delayed(40, ok));
    const urls = Array.from({ length: 12 }, (_, i) => `"${a.url}/a${i}", "${b.url}/b${i}"`).join(', ');
    const { report } = await runYaml(linksFile(a.url, `links: { urls: [${urls}] }`, 'reuseConnections: true'), { concurrency: 16 });
    expect(probeOf(report)).toMatchObject({ passed: true, samples: 24 });
    for (const s of [a, b]) {
      expect(s.peakConnections).toBeLessThanOrEqual(4);
      expect(s.peakActive).toBeGreaterThanOrEqual(2);
    }
  });

  it('checks a page of 10,000 links with bounded concurrency, one error per failing link', async () => {
    const body = `<html><body>${Array.from({ length: 10_000 }, (_, i) => `<a href="/l/${i}">${i}</a>`).join('\n')}</body></html>`;
    const s = await serve({ '/big': html(body) }, (q, r) => {
      const n = Number((q.url ?? '').split('/').pop());
      if (n % 100 === 7) r.writeHead(404).end();
      else r.writeHead(200).end('ok');
    });
    const yaml = linksFile(s.url, 'links: { fromPage: { url: /big, select: [a] }, limit: 10000 }', 'hostConcurrency: 8', 'reuseConnections: true');
    const { report } = await runYaml(yaml, { concurrency: 32 });
    const probe = probeOf(report);
    expect(probe).toMatchObject({ samples: 10_000, failedSamples: 100, failuresByClass: { http_4xx: 100 } });
    expect(probe.errors).toHaveLength(100);
    expect(probe.otherErrors ?? 0).toBe(0);
    expect(new Set(probe.errors.map((e) => e.url)).size).toBe(100);
    expect(probe.errors.every((e) => e.hops?.length === 1)).toBe(true);
    expect(s.peakConnections).toBeLessThanOrEqual(8);
  }, 60_000);
});

describe('reports', () => {
  it('the table lists the worst links first, capped, and points at the JSON for the rest', async () => {
    const s = await serve({ '/loop': redirect('/loop'), '/moved': redirect('/gone') }, (_q, r) => r.writeHead(404).end());
    const urls = ['/moved', ...Array.from({ length: 13 }, (_, i) => `/missing-${String(i).padStart(2, '0')}`), '/loop'].join(', ');
    const { result, report } = await runYaml(linksFile(s.url, `links: { urls: [${urls}] }`));
    expect(probeOf(report).errors).toHaveLength(15);
    const table = tableReporter.render(result, { color: false, columns: 160 });
    const rows = table.split('\n').filter((line) => line.startsWith('links '));
    // The probe row, then 10 link rows: the redirect loop first, then the longest chain, then by URL.
    expect(rows).toHaveLength(11);
    expect(rows[1]).toMatch(/^links +\/loop +redirect +×1 +redirect loop back to/);
    expect(rows[2]).toMatch(/^links +\/moved +http_4xx +×1 +404 Not Found · \/moved 301 [\d.]+m?s → \/gone 404 [\d.]+m?s\s*$/);
    expect(rows[3]).toMatch(/^links +\/missing-00 +http_4xx +×1 +404 Not Found\s*$/);
    expect(table).toContain('… 5 more in the JSON report (--json)');
    // The JSON has them all, in the same order.
    expect(probeOf(report).errors.map((e) => e.url.slice(s.url.length)).slice(0, 3)).toEqual(['/loop', '/moved', '/missing-00']);
  });

  it('Ctrl-C while the page loads stops the probe at once; nothing is counted as failed', async () => {
    const s = await serve({ '/hang': () => undefined });
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort('SIGINT'), 200);
    const started = performance.now();
    const { result } = await runYaml(linksFile(s.url, 'links: { fromPage: { url: /hang } }', 'timeout: 30s'), {}, { interrupt: interrupt.signal });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ interrupted: true, exitCode: 130 });
    expect(result.probes[0]).toMatchObject({ samples: 0, failuresByClass: {} });
  });
});
