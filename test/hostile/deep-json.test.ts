// Issue 15, item 11: a 400 KB body of 200,000 nested arrays ended the whole run with exit 3
// ("Maximum call stack size exceeded") from `expect.json`, `equals` or a flow's json capture:
// one hostile server lost every probe's result. Now it fails that sample only, classed.
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

const DEEP = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;

describe('a JSON body nested 200,000 levels deep', () => {
  it('fails the samples that read it as JSON, classed, and the other probes still report', async () => {
    const s = await keep(
      startHttpServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url === '/fine' ? '{"ok":true}' : DEEP);
      }),
    );
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - { id: exists, kind: http, surface: api, request: { url: / }, expect: { json: { "$": { exists: true } } } }
  - { id: equals, kind: http, surface: api, request: { url: / }, expect: { json: { "$[0]": { equals: [] } } } }
  - id: capture
    kind: flow
    surface: web
    steps:
      - { id: one, request: { url: / }, capture: { v: { json: "$" } } }
      - { id: two, request: { url: "/\${v}" } }
  - { id: fine, kind: http, surface: api, request: { url: /fine }, expect: { json: { "$.ok": true } } }
`);
    const { code, stdout, stderr } = await runCli(['run', file, '--json', '-']);
    expect(stderr).not.toMatch(/internal error|Maximum call stack/);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    const classes = Object.fromEntries(report.probes.map((p) => [p.id, p.failuresByClass]));
    expect(classes).toEqual({ exists: { assertion: 1 }, equals: { assertion: 1 }, capture: { capture: 1 }, fine: {} });
    const message = report.probes.find((p) => p.id === 'exists')?.errors[0]?.message ?? '';
    expect(message).toMatch(/nested deeper than 512 levels/);
  });
});
