// Flow probes through the real CLI: tables name the step, and no secret (from the environment
// or captured with `secret: true`) reaches stdout, stderr or the JSON, whatever the server echoes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

describe('upprobe run with a flow', () => {
  it('never shows a secret from the environment or a secret capture, even when the server echoes them everywhere', async () => {
    const tokens: string[] = [];
    const s = await startHttpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (req.url === '/token') {
          const token = `Tk${tokens.length}${Math.random().toString(36).slice(2, 10)}`;
          tokens.push(token);
          res.writeHead(200, { 'set-cookie': `session=${token}; Path=/` }).end(`<input name="t" value="${token}">`);
          return;
        }
        // A hostile mirror: the request in the status text, a header, the body, and a redirect.
        const echo = `${req.url} ${req.headers.authorization} ${req.headers.cookie} ${body}`;
        const status = req.url?.startsWith('/assert') ? 200 : 500;
        res.writeHead(status, encodeURIComponent(echo).slice(0, 200), { 'x-echo': encodeURIComponent(echo).slice(0, 500) }).end(echo);
      });
    });
    keep(s);
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - id: status-echo
    kind: flow
    surface: web
    steps:
      - { id: token, request: { url: /token }, capture: { t: { regex: 'value="([^"]+)"', secret: true } } }
      - id: use
        request:
          method: POST
          url: "/use?t=\${t}&pw=\${secret.UPPROBE_PASSWORD}"
          headers: { authorization: "Bearer \${t}" }
          form: { token: "\${t}", password: "\${env.UPPROBE_PASSWORD}" }
  - id: assert-echo
    kind: flow
    surface: web
    steps:
      - { id: token, request: { url: /token }, capture: { t: { cookie: session, secret: true } } }
      - id: use
        request: { url: "/assert/\${t}", json: { token: "\${t}" } }
        expect: { body: { contains: "nothing like this" }, headers: { x-echo: "nope" } }
`);
    const out = join(dirname(file), 'report.json');
    const password = 'pw-$ecret/+?&';
    const { code, stdout, stderr } = await runCli(['run', file, '-n', '3', '--json', out], { env: { UPPROBE_PASSWORD: password } });
    expect(code).toBe(1);
    const json = readFileSync(out, 'utf8');
    const report = JSON.parse(json) as JsonReport;
    expect(report.probes.map((p) => p.errors[0]?.step)).toEqual(['use', 'use']);
    expect(report.probes.map((p) => p.errors[0]?.class)).toEqual(['http_5xx', 'assertion']);
    expect(tokens).toHaveLength(6);
    for (const text of [stdout, stderr, json]) {
      for (const secret of [password, ...tokens]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encodeURIComponent(secret));
      }
    }
    expect(json).toContain('***');
  });

  it('the tables show the failing step, per-step latency and skipped steps', async () => {
    const s = await startHttpServer((req, res) => res.writeHead(req.url === '/submit' ? 503 : 200).end('ok'));
    keep(s);
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - id: login
    kind: flow
    surface: web
    steps:
      - { id: form, request: { url: /form } }
      - { id: submit, request: { url: /submit, method: POST } }
      - { id: me, request: { url: /me } }
`);
    const { code, stdout } = await runCli(['run', file, '-n', '4', '-c', '2']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/login +flow +web +4 +0% .*http_5xx×4/);
    expect(stdout).toMatch(/login › form +4 +100% +\S+ +\S+ +\S+/);
    expect(stdout).toMatch(/login › submit +4 +0% .*http_5xx×4/);
    expect(stdout).toMatch(/login › me +0 +- +- +- +- +skipped×4/);
    expect(stdout).toMatch(/login +submit +http_5xx +×4 +503 Service Unavailable/);
  });
});
