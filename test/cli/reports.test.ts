// File reports through the real CLI: several at once, each parsed back; the step summary only
// when GitHub names a file; every destination checked before anything is probed; --record safe
// when two runs overlap; and no secret in any of them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { marked } from 'marked';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer, type TestServer } from '../helpers/servers.js';

closeAfterEach();

/** /api answers 503, everything else 200; `delayMs` holds each answer back. */
async function service(delayMs = 0): Promise<{ server: TestServer; requests: () => number }> {
  let requests = 0;
  const server = await startHttpServer((req, res) => {
    requests++;
    setTimeout(() => res.writeHead(req.url?.startsWith('/api') ? 503 : 200).end('ok'), delayMs);
  });
  keep(server);
  return { server, requests: () => requests };
}

function twoSurfaces(url: string): string {
  return probesFile(`version: 1
defaults: { baseUrl: "${url}", samples: 2 }
probes:
  - { id: api-timeline, kind: http, surface: api, request: { url: /api/timeline } }
  - { id: web-home, kind: http, surface: web, request: { url: / } }
`);
}

describe('several reporters in one run', () => {
  it('writes JSON, JUnit, Prometheus, the record and the step summary, each readable by its own parser', async () => {
    const { server } = await service();
    const file = twoSurfaces(server.url);
    const dir = dirname(file);
    const out = (name: string) => join(dir, name);
    const { code, stdout } = await runCli(
      ['run', file, '--json', out('a.json'), '--junit', out('b.xml'), '--prom', out('c.prom'), '--record', out('h.ndjson')],
      { env: { GITHUB_STEP_SUMMARY: out('summary.md') } },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL 1\/2 probes failing/);

    const json = JSON.parse(readFileSync(out('a.json'), 'utf8')) as JsonReport;
    expect(json.summary.surfaces.api?.failedSamples).toBe(2);

    const xml = readFileSync(out('b.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { failures: string } };
    expect(junit.testsuites.failures).toBe('1');

    const prom = parsePrometheusTextFormat(readFileSync(out('c.prom'), 'utf8'));
    const success = prom.find((f) => f.name === 'upprobe_probe_success')?.metrics.map((m) => [m.labels?.probe, m.value]);
    expect(success).toEqual([
      ['api-timeline', '0'],
      ['web-home', '1'],
    ]);

    const lines = readFileSync(out('h.ndjson'), 'utf8').split('\n');
    expect(lines).toHaveLength(2); // one line, then the final line break
    expect((JSON.parse(lines[0] ?? '') as JsonReport).exitCode).toBe(1);

    const summary = marked.lexer(readFileSync(out('summary.md'), 'utf8'));
    expect(summary[0]).toMatchObject({ type: 'heading', text: expect.stringMatching(/^upprobe: FAIL/) as unknown });
    expect(summary.filter((t) => t.type === 'table')).toHaveLength(2);
  });

  it('with --json - the JSON alone is on stdout and the tables move to stderr, next to file reports', async () => {
    const { server } = await service();
    const file = twoSurfaces(server.url);
    const junit = join(dirname(file), 'r.xml');
    const { code, stdout, stderr } = await runCli(['run', file, '--json', '-', '--junit', junit]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as JsonReport).probes).toHaveLength(2);
    expect(stderr).toMatch(/FAIL 1\/2/);
    expect(existsSync(junit)).toBe(true);
  });

  it('appends to the step summary only when GITHUB_STEP_SUMMARY is set', async () => {
    const { server } = await service();
    const file = twoSurfaces(server.url);
    const summary = join(dirname(file), 'summary.md');
    writeFileSync(summary, '## an earlier step wrote this'); // no final line break: ours starts on a new line
    const unset = await runCli(['run', file, '-q'], { env: { GITHUB_STEP_SUMMARY: undefined } });
    expect(unset.code).toBe(1);
    expect(readFileSync(summary, 'utf8')).toBe('## an earlier step wrote this');
    const empty = await runCli(['run', file, '-q'], { env: { GITHUB_STEP_SUMMARY: '' } });
    expect(empty.code).toBe(1);
    const set = await runCli(['run', file, '-q'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(set.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('## an earlier step wrote this\n### upprobe: FAIL')).toBe(true);
  });
});

describe('report destinations are checked before anything is probed', () => {
  it('a report in a missing directory exits 2 and sends no request', async () => {
    const { server, requests } = await service();
    const file = twoSurfaces(server.url);
    for (const flag of ['--junit', '--prom', '--record', '--json']) {
      const { code, stderr } = await runCli(['run', file, flag, '/nonexistent-dir/report']);
      expect(code, flag).toBe(2);
      expect(stderr).toMatch(/cannot write \/nonexistent-dir\/report: directory \/nonexistent-dir does not exist/);
    }
    const step = await runCli(['run', file], { env: { GITHUB_STEP_SUMMARY: '/nonexistent-dir/summary.md' } });
    expect(step.code).toBe(2);
    expect(requests()).toBe(0);
  });

  it('a directory as the path, or one file for two reports, exits 2', async () => {
    const { server, requests } = await service();
    const file = twoSurfaces(server.url);
    const dir = dirname(file);
    const isDir = await runCli(['run', file, '--prom', dir]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toMatch(/is a directory/);
    const twice = await runCli(['run', file, '--junit', join(dir, 'x'), '--prom', join(dir, '.', 'x')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--junit and --prom both write/);
    expect(requests()).toBe(0);
  });
});

describe('--record', () => {
  it('two overlapping runs leave two whole lines', async () => {
    const { server } = await service(400); // both runs are in flight at once
    const file = twoSurfaces(server.url);
    const history = join(dirname(file), 'history.ndjson');
    const [a, b] = await Promise.all([
      runCli(['run', file, '--record', history, '--vantage', 'first', '-q']),
      runCli(['run', file, '--record', history, '--vantage', 'second', '-q']),
    ]);
    expect([a.code, b.code]).toEqual([1, 1]);
    const lines = readFileSync(history, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const vantages = lines.map((l) => (JSON.parse(l) as JsonReport).vantage).sort();
    expect(vantages).toEqual(['first', 'second']);
  });

  it('keeps secrets out of every report, escaped or not', async () => {
    const secret = 'hunter2<&>"|`x';
    const server = await startHttpServer((req, res) => res.writeHead(500).end(`echo ${decodeURIComponent(req.url ?? '')}`));
    keep(server);
    const file = probesFile(`version: 1
probes:
  - id: echo
    kind: http
    surface: api
    request: { url: "${server.url}/?t=\${secret.UPPROBE_TOKEN}" }
    expect: { status: 500, body: { contains: "never" } }
`);
    const dir = dirname(file);
    const out = (name: string) => join(dir, name);
    const { code, stdout } = await runCli(
      ['run', file, '--json', out('a.json'), '--junit', out('b.xml'), '--prom', out('c.prom'), '--record', out('h.ndjson')],
      { env: { UPPROBE_TOKEN: secret, GITHUB_STEP_SUMMARY: out('s.md') } },
    );
    expect(code).toBe(1);
    const texts = [stdout, ...['a.json', 'b.xml', 'c.prom', 'h.ndjson', 's.md'].map((n) => readFileSync(out(n), 'utf8'))];
    for (const text of texts) {
      expect(text).not.toContain('hunter2');
    }
    expect(readFileSync(out('b.xml'), 'utf8')).toContain('***');
    // The mask is masked before rendering, so Markdown escapes it: `\*\*\*` shows as ***.
    expect(readFileSync(out('s.md'), 'utf8')).toContain('/?t=\\*\\*\\*');
  });
});
