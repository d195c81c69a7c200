// Issue 15, item 4: a `secret: true` capture was printed when its own step's expectation failed
// (the expectation was checked before the capture registered the secret), e.g. `header
// set-cookie: expected contains "Secure", got "sid=eyJ…; Path=/; HttpOnly"` everywhere.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

const SESSION = 'eyJzZXNzaW9uIjoiczNjcjN0In0';

describe('a secret capture whose own step fails its expectation', () => {
  it('is masked in the terminal, the JSON and JUnit reports and the step summary', async () => {
    const s = await keep(
      startHttpServer((_req, res) => res.writeHead(200, { 'set-cookie': `sid=${SESSION}; Path=/; HttpOnly` }).end(`welcome ${SESSION}`)),
    );
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - id: login
    kind: flow
    surface: web
    steps:
      - id: sign-in
        request: { url: /login }
        capture: { sid: { header: set-cookie, secret: true } }
        expect: { headers: { set-cookie: { contains: "Secure" } } }
      - id: me
        request: { url: "/me?s=\${sid}" }
  - id: body
    kind: flow
    surface: web
    steps:
      - id: sign-in
        request: { url: /login }
        capture: { token: { regex: 'welcome ([A-Za-z0-9]+)', secret: true } }
        expect: { body: { contains: "goodbye" } }
`);
    const dir = dirname(file);
    const summary = join(dir, 'summary.md');
    const { code, stdout, stderr } = await runCli(['run', file, '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(code, stderr).toBe(1);
    const outputs = { stdout, stderr, json: readFileSync(join(dir, 'r.json'), 'utf8'), junit: readFileSync(join(dir, 'r.xml'), 'utf8'), summary: readFileSync(summary, 'utf8') };
    for (const [name, text] of Object.entries(outputs)) expect(text, name).not.toContain(SESSION.slice(0, 12));
    // The failures are still there, masked: the whole header was the captured value.
    expect(outputs.json).toContain('expected contains \\"Secure\\", got \\"***\\"');
    expect(outputs.json).toContain('got welcome ***');
  });
});
