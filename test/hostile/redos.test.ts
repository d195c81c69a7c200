// Issue 15, item 7: a regex from the probes file (`expect.body.matches`, a header's `matches`,
// `capture.regex`) with catastrophic backtracking against a hostile body ran forever and ignored
// SIGTERM. Regexes from the file run on RE2 (linear time), so each sample ends by its deadline.
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

/** 2^36 ways for a backtracking engine to fail; one pass for RE2. */
const EVIL = 'a'.repeat(36);
const TIMEOUT_MS = 2000;

describe('a catastrophic regex against a hostile body', () => {
  it('every regex from the file ends within the sample deadline, classed', async () => {
    const s = await keep(startHttpServer((_req, res) => res.writeHead(200, { 'x-evil': `${EVIL}!` }).end(`${EVIL}!`)));
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}", timeout: ${TIMEOUT_MS}ms }
probes:
  - { id: body, kind: http, surface: api, request: { url: / }, expect: { body: { matches: '^(a+)+$' } } }
  - { id: header, kind: http, surface: api, request: { url: / }, expect: { headers: { x-evil: { matches: '^(a+)+$' } } } }
  - id: capture
    kind: flow
    surface: web
    steps:
      - { id: one, request: { url: / }, capture: { v: { regex: '^((a+)+)$' } } }
      - { id: two, request: { url: "/\${v}" } }
`);
    const { code, stdout, signal, ms } = await runCli(['run', file, '--json', '-'], { timeoutMs: 15_000 });
    expect(signal).toBeNull();
    expect(code).toBe(1);
    // The deadline is what is under test: all three samples ran at once, each bounded by it.
    expect(ms).toBeLessThan(TIMEOUT_MS + 8000);
    const report = JSON.parse(stdout) as JsonReport;
    const classes = Object.fromEntries(report.probes.map((p) => [p.id, p.failuresByClass]));
    expect(classes).toEqual({ body: { assertion: 1 }, header: { assertion: 1 }, capture: { capture: 1 } });
  });
});
