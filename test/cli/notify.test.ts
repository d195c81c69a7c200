// Notifications (`notify:` / `--notify`) through the real CLI: a target on loopback that a test
// turns up or down, and a real HTTP receiver on loopback that records what it was sent.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { closedPort, startHttpServer, type TestServer } from '../helpers/servers.js';

const servers: TestServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

const API_TOKEN = 'api-token-5f1e9c';
const HOOK_TOKEN = 'hook-token-77ab02';
const PATH_TOKEN = 'path-token-c0ffee';
const ENV = { API_TOKEN, HOOK_TOKEN, PATH_TOKEN };

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A target whose App API answers 200 or 500 (echoing the request's token in the error); the web always 200. */
async function switchableService(): Promise<{ server: TestServer; setApi(ok: boolean): void }> {
  let ok = true;
  const server = await startHttpServer((req, res) => {
    if (req.url?.startsWith('/api') && !ok) res.writeHead(500).end(`upstream failed for ${String(req.headers.authorization)}`);
    else res.end('fine');
  });
  servers.push(server);
  return { server, setApi: (value) => (ok = value) };
}

async function receiver(): Promise<{ server: TestServer; received: Received[]; answer(status: number): void }> {
  const received: Received[] = [];
  let status = 200;
  const server = await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  servers.push(server);
  return { server, received, answer: (s) => (status = s) };
}

function probes(base: string, notifyUrl: string, extra = ''): string {
  return probesFile(`version: 1
vantage: eu-test
defaults: { baseUrl: "${base}", samples: 2 }
notify:
  url: "${notifyUrl}"
  downAfter: 2
  upAfter: 2
  headers: { authorization: "Bearer \${secret.HOOK_TOKEN}" }${extra}
probes:
  - { id: api-health, kind: http, surface: api, request: { url: /api/health, headers: { authorization: "\${secret.API_TOKEN}" } } }
  - { id: web-home, kind: http, surface: web, request: { url: / } }
`);
}

function everyRunOf(texts: string[]): string {
  return texts.join('\n');
}

describe('notifications', () => {
  it('a down → up sequence with downAfter 2 and upAfter 2 sends exactly two messages, without any secret', async () => {
    const service = await switchableService();
    const hook = await receiver();
    const file = probes(service.server.url, `${hook.server.url}/hooks/\${secret.PATH_TOKEN}`);
    const record = join(dirname(file), 'history.ndjson');
    const outputs: string[] = [];
    // up (first state: no message), down, down (→ down), down, up, up (→ up)
    for (const apiUp of [true, false, false, false, true, true]) {
      service.setApi(apiUp);
      const { code, stdout, stderr } = await runCli(['run', file, '--record', record], { env: ENV });
      expect(code, stderr).toBe(apiUp ? 0 : 1);
      outputs.push(stdout, stderr);
    }
    expect(hook.received).toHaveLength(2);
    const [down, up] = hook.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(down).toMatchObject({ surface: 'api', from: 'up', vantage: 'eu-test' });
    expect(['down', 'degraded']).toContain(down?.to);
    expect(down?.headline).toMatch(/^api down at the origin/);
    expect(down?.text).toMatch(/^upprobe: App API \(api\) is (DOWN|DEGRADED) \(was up\) from eu-test: /);
    expect(up).toMatchObject({ surface: 'api', to: 'up', headline: null, vantage: 'eu-test' });
    expect(up?.from).toBe(down?.to);
    expect(up?.text).toMatch(/^upprobe: App API \(api\) is up again \(was (down|degraded)\) from eu-test$/);
    for (const body of [down, up]) {
      expect(Object.keys(body ?? {}).sort()).toEqual(['at', 'from', 'headline', 'surface', 'text', 'to', 'vantage']);
      expect(String(body?.at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(String(body?.text)).not.toMatch(/\n|https?:/);
    }
    // The receiver gets its header (that is its purpose) and the JSON type; nothing secret is in any body.
    expect(hook.received[0]?.headers.authorization).toBe(`Bearer ${HOOK_TOKEN}`);
    expect(hook.received[0]?.headers['content-type']).toBe('application/json');
    for (const { body } of hook.received) for (const secret of Object.values(ENV)) expect(body).not.toContain(secret);
    // Nor anywhere the CLI printed, nor in the record or the sidecar.
    for (const secret of Object.values(ENV)) {
      expect(everyRunOf(outputs)).not.toContain(secret);
      expect(readFileSync(record, 'utf8')).not.toContain(secret);
      expect(readFileSync(`${record}.notify.json`, 'utf8')).not.toContain(secret);
    }
    expect(JSON.parse(readFileSync(`${record}.notify.json`, 'utf8'))).toMatchObject({ announced: { api: 'up', web: 'up' } });
  });

  it('a receiver that fails is named on stderr with exit 2, the JSON keeps the probes verdict, and the next run delivers', async () => {
    const service = await switchableService();
    const hook = await receiver();
    const file = probes(service.server.url, `${hook.server.url}/hooks/\${secret.PATH_TOKEN}`);
    const record = join(dirname(file), 'history.ndjson');
    const json = join(dirname(file), 'report.json');
    service.setApi(true);
    expect((await runCli(['run', file, '--record', record], { env: ENV })).code).toBe(0);
    service.setApi(false);
    expect((await runCli(['run', file, '--record', record], { env: ENV })).code).toBe(1);

    hook.answer(500);
    const failed = await runCli(['run', file, '--record', record, '--json', json], { env: ENV });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(new RegExp(`notification to http://127\\.0\\.0\\.1:${hook.server.port}/… failed \\(api up → (down|degraded): HTTP 500\\); it is sent again at the next run`));
    expect(failed.stderr).not.toContain(PATH_TOKEN);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { exitCode: number }).exitCode).toBe(1);
    expect(hook.received).toHaveLength(1);

    hook.answer(200);
    const retried = await runCli(['run', file, '--record', record], { env: ENV });
    expect(retried.code, retried.stderr).toBe(1);
    expect(hook.received).toHaveLength(2);
    expect(JSON.parse(hook.received[1]?.body ?? '{}')).toMatchObject({ surface: 'api', from: 'up' });
    // Delivered once: a further failing run sends nothing.
    expect((await runCli(['run', file, '--record', record], { env: ENV })).code).toBe(1);
    expect(hook.received).toHaveLength(2);
  });

  it('a closed port is a classified failure on stderr and exit 2; --notify on the command line replaces the file URL', async () => {
    const service = await switchableService();
    const port = await closedPort();
    const hook = await receiver();
    const file = probes(service.server.url, `${hook.server.url}/unused`);
    const record = join(dirname(file), 'history.ndjson');
    const flags = ['run', file, '--record', record, '--notify', `http://127.0.0.1:${port}/hook`];
    service.setApi(true);
    expect((await runCli(flags, { env: ENV })).code).toBe(0);
    service.setApi(false);
    expect((await runCli(flags, { env: ENV })).code).toBe(1);
    const refused = await runCli(flags, { env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/notification to http:\/\/127\.0\.0\.1:\d+\/… failed \(api up → \w+: connection refused \(ECONNREFUSED\)\)/);
    expect(hook.received).toHaveLength(0);
  });

  it('a receiver that never answers costs the timeout, not the run', async () => {
    const service = await switchableService();
    const silent = await startHttpServer(() => undefined);
    servers.push(silent);
    const file = probes(service.server.url, `${silent.url}/hook`, '\n  timeout: 300ms');
    const record = join(dirname(file), 'history.ndjson');
    for (const ok of [true, false]) {
      service.setApi(ok);
      await runCli(['run', file, '--record', record], { env: ENV });
    }
    const hung = await runCli(['run', file, '--record', record], { env: ENV });
    expect(hung.code).toBe(2);
    expect(hung.stderr).toMatch(/failed \(api up → \w+: no answer within 300 ms\)/);
  });

  it('--notify without --record warns once that no change can be seen, and sends nothing', async () => {
    const service = await switchableService();
    const hook = await receiver();
    const file = probesFile(`version: 1
probes:
  - { id: a, kind: http, surface: api, request: { url: "${service.server.url}/api" } }
`);
    service.setApi(false);
    const { code, stderr } = await runCli(['run', file, '--notify', `${hook.server.url}/hook`]);
    expect(code).toBe(1);
    expect(stderr.match(/without --record a run cannot see earlier runs/g)).toHaveLength(1);
    expect(hook.received).toHaveLength(0);
  });

  it('a bad notify section is a config error with its line and column', async () => {
    const file = probesFile(`version: 1
notify:
  url: "ftp://example.com/hook"
  downAfter: 0
probes:
  - { id: a, kind: http, surface: api, request: { url: "http://127.0.0.1:1/" } }
`);
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/:4:\d+: notify\.downAfter: /);
  });
});
