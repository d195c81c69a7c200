// Issue 16 item 8: a links probe a person can read. Links on another host show it, the link column
// uses the terminal's width, a documentation page of a few MB loads, a page over its limit says so
// plainly, and the JSON lists every link checked.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { listen } from '../transport/helpers.js';

interface LinksEntry {
  links: { page: string; checked: { url: string; status: number | null; ms: number; finalUrl?: string; class?: string }[] };
  errors: { message: string }[];
  failuresByClass: Record<string, number>;
}

async function site(pageBytes: number): Promise<number> {
  const port = await listen(
    createServer((req, res) => {
      if (req.url === '/') {
        const links = `<a href="/ok">ok</a> <a href="/gone">gone</a> <a href="/moved">moved</a>
          <a href="http://localhost:${port}/a/rather/long/path/on/another/host/name/that/goes/on">other host</a>`;
        return res.end(`<html><body>${links}<p>${'documentation '.repeat(Math.ceil(pageBytes / 14))}</p></body></html>`);
      }
      if (req.url === '/moved') return res.writeHead(301, { location: '/ok' }).end();
      res.writeHead(req.url === '/ok' ? 200 : 404).end('page');
    }),
  );
  return port;
}

async function run(yaml: string, columns = '200') {
  const result = await runCli(['run', probesFile(yaml), '--json'], { env: { COLUMNS: columns } });
  const report = JSON.parse(result.stdout) as JsonReport;
  return { ...result, probe: report.probes[0] as unknown as LinksEntry };
}

describe('links probes a person can read', () => {
  it('a 2.5 MB page loads under the page limit; every link is listed with its final status and time; other hosts show theirs', async () => {
    const port = await site(2.5 * 1024 * 1024);
    const { probe, stderr } = await run(`version: 1
probes:
  - { id: docs, kind: links, surface: web, links: { fromPage: { url: "http://127.0.0.1:${port}/" } } }
`);
    expect(probe.failuresByClass).toEqual({ http_4xx: 2 });
    const checked = [...probe.links.checked].sort((a, b) => a.url.localeCompare(b.url));
    expect(checked.map(({ url, status, finalUrl, class: cls }) => ({ url, status, finalUrl, class: cls }))).toEqual([
      { url: `http://127.0.0.1:${port}/gone`, status: 404, finalUrl: undefined, class: 'http_4xx' },
      { url: `http://127.0.0.1:${port}/moved`, status: 200, finalUrl: `http://127.0.0.1:${port}/ok`, class: undefined },
      { url: `http://127.0.0.1:${port}/ok`, status: 200, finalUrl: undefined, class: undefined },
      { url: `http://localhost:${port}/a/rather/long/path/on/another/host/name/that/goes/on`, status: 404, finalUrl: undefined, class: 'http_4xx' },
    ]);
    expect(checked.every((l) => l.ms > 0)).toBe(true);
    // The other host's link shows its host, and at 200 columns more than 28 characters of it.
    expect(stderr).toContain(`localhost:${port}/a/rather/long/path/on/another`);
    expect(stderr).toMatch(/docs +\/gone +http_4xx/);
  });

  it('a page over its limit fails saying so in plain words, naming the setting to raise', async () => {
    const port = await site(300 * 1024);
    const { probe } = await run(`version: 1
probes:
  - { id: docs, kind: links, surface: web, links: { fromPage: { url: "http://127.0.0.1:${port}/", maxBodySize: 100KiB } } }
`);
    expect(probe.failuresByClass).toEqual({ protocol: 1 });
    expect(probe.errors[0]?.message).toBe('the page is larger than 100 KiB, the most it is read to find links: raise links.fromPage.maxBodySize');
  });
});
