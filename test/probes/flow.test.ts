// Flow probes against real servers: logging in to the built-in target, captures, skipped steps,
// cookie jars (isolation, domains, paths, Secure, expiry, redirect hops) and secret captures.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/probes/load.js';
import type { ProbeResult } from '../../src/model/result.js';
import type { StepResult } from '../../src/model/flow.js';
import { runProbes } from '../../src/run/run.js';
import { DEMO_PASSWORD, DEMO_USER } from '../../src/target/server.js';
import { closeAfterEach, fakeLookup, keep, startHttpServer, type TestServer } from '../helpers/servers.js';
import { useTarget } from '../target/use-target.js';

const startTarget = useTarget();
closeAfterEach();

async function server(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<TestServer> {
  const s = await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => handler(req, res, body));
  });
  keep(s);
  return s;
}

/** Loads a probes file with one flow probe and runs it; returns that probe's result. */
async function runFlow(yaml: string, options: { env?: Record<string, string>; lookup?: LookupFunction; concurrency?: number } = {}): Promise<ProbeResult> {
  const config = parseConfig(yaml, 'probes.yaml', { concurrency: options.concurrency }, options.env ?? {});
  const result = await runProbes(config, { interrupt: new AbortController().signal, ...(options.lookup && { lookup: options.lookup }) });
  const [probe] = result.probes;
  if (!probe) throw new Error('no probe result');
  return probe;
}

/** SPEC's login flow against a base URL; `csrf` may be replaced to break it on purpose. */
function loginFlow(baseUrl: string, samples: number, csrf = '${csrf}'): string {
  return `version: 1
defaults: { baseUrl: "${baseUrl}" }
probes:
  - id: login
    kind: flow
    surface: web
    samples: ${samples}
    steps:
      - id: form
        request: { url: /login }
        capture: { csrf: { regex: 'name="csrf" value="([^"]+)"' } }
      - id: submit
        request:
          method: POST
          url: /session
          form: { user: "\${env.UPPROBE_USER}", password: "\${secret.UPPROBE_PASSWORD}", csrf: "${csrf}" }
          followRedirects: false
        expect: { status: [302, 303] }
      - id: me
        request: { url: /api/me }
        expect: { status: 200, json: { "$.user": "demo" } }
`;
}

/** A flow result's per-step figures (its kind's own data). */
function stepsOf(result: ProbeResult): StepResult[] | undefined {
  return result.kindData?.kind === 'flow' ? result.kindData.steps : undefined;
}

const demoAccount = { UPPROBE_USER: DEMO_USER, UPPROBE_PASSWORD: DEMO_PASSWORD };

describe('a login flow against the built-in target', () => {
  it('captures the CSRF token, posts it with the form cookie, and calls the API with the session', async () => {
    const target = await startTarget();
    const result = await runFlow(loginFlow(target.url, 5), { env: demoAccount, concurrency: 5 });
    expect(result.errors).toEqual([]);
    expect(result.passed).toBe(true);
    expect(stepsOf(result)?.map((s) => [s.id, s.skipped, s.failuresByClass, s.latencyMs !== null])).toEqual([
      ['form', 0, {}, true],
      ['submit', 0, {}, true],
      ['me', 0, {}, true],
    ]);
    // The flow's latency is the sum of its steps'.
    const stepMeans = stepsOf(result)?.reduce((sum, s) => sum + (s.latencyMs?.mean ?? 0), 0) ?? 0;
    expect(result.latencyMs?.mean).toBeCloseTo(stepMeans, -1);
  });

  it('a token that is not the captured one is refused: http_4xx at step submit, me skipped', async () => {
    const target = await startTarget();
    const result = await runFlow(loginFlow(target.url, 3, 'forged'), { env: demoAccount });
    expect(result.failuresByClass).toEqual({ http_4xx: 3 });
    expect(result.errors.map((e) => [e.example.step, e.example.failure, e.count])).toMatchObject([['submit', { class: 'http_4xx', status: 403, statusText: 'Forbidden' }, 3]]);
    // The page's own words come with the status.
    const failure = result.errors[0]?.example.failure;
    expect(failure?.class === 'http_4xx' && failure.excerpt).toContain('Invalid or missing CSRF token');
  });

  it('wrong credentials: 401 → http_4xx at step submit; the steps after it are skipped, not failed', async () => {
    const target = await startTarget();
    const result = await runFlow(loginFlow(target.url, 4), { env: { ...demoAccount, UPPROBE_PASSWORD: 'wrong' } });
    expect(result.passed).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ example: { step: 'submit', failure: { class: 'http_4xx', status: 401 } }, count: 4 });
    expect(stepsOf(result)?.map((s) => [s.id, s.failuresByClass, s.skipped])).toEqual([
      ['form', {}, 0],
      ['submit', { http_4xx: 4 }, 0],
      ['me', {}, 4],
    ]);
  });

  it('a capture that finds nothing fails as class capture, naming the capture and the step', async () => {
    const target = await startTarget();
    const yaml = loginFlow(target.url, 2).replace(`'name="csrf" value="([^"]+)"'`, `'name="xsrf" value="([^"]+)"'`);
    const result = await runFlow(yaml, { env: demoAccount });
    expect(result.failuresByClass).toEqual({ capture: 2 });
    expect(result.errors[0]?.example).toMatchObject({
      step: 'form',
      failure: { class: 'capture', name: 'csrf', source: 'regex', expression: 'name="xsrf" value="([^"]+)"' },
    });
    expect(stepsOf(result)?.map((s) => s.skipped)).toEqual([0, 2, 2]);
  });
});

describe('captures', () => {
  it('reads regex, json, header and cookie captures, and inserts them into url, headers, json and form', async () => {
    const seen: { url?: string; auth?: string; body?: string }[] = [];
    const s = await server((req, res, body) => {
      if (req.url === '/issue') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-token': 'hdr-1', 'set-cookie': 'jar=ck-1; Path=/' });
        res.end('{"data":{"id":42,"name":"n-1"},"html":"<b id=\\"r-1\\">"}');
        return;
      }
      seen.push({ url: req.url, auth: req.headers.authorization, body });
      res.end('ok');
    });
    const yaml = `version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - id: f
    kind: flow
    surface: api
    steps:
      - id: issue
        request: { url: /issue }
        capture:
          id: { json: "$.data.id" }
          name: { json: "$.data.name" }
          token: { header: X-Token }
          jar: { cookie: jar }
          tag: { regex: 'id=\\\\"(r-\\d)' }
      - id: use
        request:
          method: POST
          url: "/items/\${id}?name=\${name}"
          headers: { authorization: "Token \${token}" }
          json: { cookie: "\${jar}", tag: "\${tag}", literal: "$\${id}", pw: "\${env.PW}" }
`;
    const result = await runFlow(yaml, { env: { PW: 'p${q}' } });
    expect(result.errors).toEqual([]);
    expect(seen).toEqual([
      { url: '/items/42?name=n-1', auth: 'Token hdr-1', body: JSON.stringify({ cookie: 'ck-1', tag: 'r-1', literal: '${id}', pw: 'p${q}' }) },
    ]);
  });

  it('a json capture of a missing path, and a missing header, name themselves', async () => {
    const s = await server((_req, res) => res.end('{"a":1}'));
    const flow = (capture: string) => `version: 1
probes:
  - id: f
    kind: flow
    surface: api
    steps:
      - { id: one, request: { url: "${s.url}/" }, capture: { v: ${capture} } }
      - { id: two, request: { url: "${s.url}/\${v}" } }
`;
    const json = await runFlow(flow('{ json: "$.b" }'));
    expect(json.errors[0]?.example.failure).toEqual({ class: 'capture', name: 'v', source: 'json', expression: '$.b' });
    const header = await runFlow(flow('{ header: x-missing }'));
    expect(header.errors[0]?.example).toMatchObject({ step: 'one', failure: { class: 'capture', name: 'v', source: 'header', expression: 'x-missing' } });
  });

  it('scrubs secret captures from what the sample reports, so per-sample secrets group as one error', async () => {
    let issued = 0;
    const tokens: string[] = [];
    const s = await server((req, res) => {
      if (req.url === '/token') {
        const token = `tok${++issued}x${Math.random().toString(36).slice(2)}`;
        tokens.push(token);
        res.end(JSON.stringify({ token }));
        return;
      }
      res.writeHead(500, `echo ${req.url ?? ''}`.replace(/[^\x20-\x7e]/g, '')).end(String(req.url));
    });
    const yaml = `version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - id: f
    kind: flow
    surface: api
    samples: 5
    steps:
      - { id: get, request: { url: /token }, capture: { token: { json: $.token, secret: true } } }
      - { id: use, request: { url: "/use?t=\${token}" } }
`;
    const result = await runFlow(yaml);
    expect(tokens).toHaveLength(5);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.count).toBe(5);
    expect(result.errors[0]?.example.url).toBe(`${s.url}/use?t=***`);
    const text = JSON.stringify(result);
    for (const token of tokens) expect(text).not.toContain(token);
  });
});

describe('cookie jars', () => {
  it('every sample has its own jar: concurrent samples never see each other’s session', async () => {
    let next = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const cookiesAtStart: (string | undefined)[] = [];
    const s = await server((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/start') {
        cookiesAtStart.push(req.headers.cookie);
        const n = String(++next);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Answer late, so the samples overlap.
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'set-cookie': `who=${n}; Path=/; HttpOnly` }).end(JSON.stringify({ n }));
        }, 40);
        return;
      }
      const own = req.headers.cookie === `who=${url.searchParams.get('n')}`;
      res.writeHead(own ? 200 : 409).end(String(req.headers.cookie));
    });
    const yaml = `version: 1
probes:
  - id: f
    kind: flow
    surface: web
    samples: 20
    steps:
      - { id: start, request: { url: "${s.url}/start" }, capture: { n: { json: $.n } } }
      - { id: check, request: { url: "${s.url}/check?n=\${n}" } }
`;
    const result = await runFlow(yaml, { concurrency: 10 });
    expect(result.errors).toEqual([]);
    expect(result.samples).toBe(20);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(cookiesAtStart).toEqual(Array.from({ length: 20 }, () => undefined));
  });

  it('follows RFC 6265: another domain gets nothing; paths, Domain, Secure and expiry are honoured', async () => {
    const received: string[] = [];
    const s = await server((req, res) => {
      const host = (req.headers.host ?? '').split(':')[0];
      if (req.url === '/set') {
        res.setHeader('set-cookie', ['host=1', 'deep=1; Path=/private', 'secure=1; Secure', 'gone=1; Max-Age=0', 'wide=1; Domain=a.test', 'evil=1; Domain=b.test']);
      } else {
        received.push(`${host}${req.url} ${req.headers.cookie ?? '(none)'}`);
      }
      res.end('ok');
    });
    const port = s.port;
    const yaml = `version: 1
probes:
  - id: f
    kind: flow
    surface: web
    steps:
      - { id: set, request: { url: "http://a.test:${port}/set" } }
      - { id: same, request: { url: "http://a.test:${port}/echo" } }
      - { id: path, request: { url: "http://a.test:${port}/private/echo" } }
      - { id: sub, request: { url: "http://sub.a.test:${port}/echo" } }
      - { id: other, request: { url: "http://b.test:${port}/echo" } }
`;
    const lookup = fakeLookup({ 'a.test': '127.0.0.1', 'sub.a.test': '127.0.0.1', 'b.test': '127.0.0.1' });
    const result = await runFlow(yaml, { lookup });
    expect(result.errors).toEqual([]);
    expect(received).toEqual(['a.test/echo host=1; wide=1', 'a.test/private/echo deep=1; host=1; wide=1', 'sub.a.test/echo wide=1', 'b.test/echo (none)']);
  });

  it('applies the jar on every hop of a redirect chain, and keeps each cookie with its domain', async () => {
    const received: string[] = [];
    const s = await server((req, res) => {
      const host = (req.headers.host ?? '').split(':')[0];
      const cookie = req.headers.cookie ?? '(none)';
      received.push(`${host}${req.url} ${cookie}`);
      const a = `http://a.test:${s.port}`;
      const b = `http://b.test:${s.port}`;
      const redirect = (location: string, setCookie: string) => res.writeHead(302, { location, 'set-cookie': setCookie }).end();
      if (req.url === '/start') return redirect('/next', 'one=1');
      if (req.url === '/next') return cookie === 'one=1' ? redirect(`${b}/land`, 'two=2') : res.writeHead(400).end();
      if (req.url === '/land') return redirect(`${a}/final`, 'bee=1');
      if (req.url === '/final') return res.writeHead(cookie === 'one=1; two=2' ? 200 : 400).end();
      res.end('ok');
    });
    const yaml = `version: 1
probes:
  - id: f
    kind: flow
    surface: web
    steps:
      - { id: chain, request: { url: "http://a.test:${s.port}/start" }, expect: { status: 200 } }
      - { id: back, request: { url: "http://b.test:${s.port}/echo" } }
`;
    const result = await runFlow(yaml, { lookup: fakeLookup({ 'a.test': '127.0.0.1', 'b.test': '127.0.0.1' }) });
    expect(result.errors).toEqual([]);
    expect(received).toEqual(['a.test/start (none)', 'a.test/next one=1', 'b.test/land (none)', 'a.test/final one=1; two=2', 'b.test/echo bee=1']);
  });
});

// Issue 15, item 14: `${secret.P}${n}` with a secret ending in `$` left `${n}` unfilled.
describe('a secret ending in $ right before a capture', () => {
  it('fills the capture in a header, a form field and the url', async () => {
    const seen: { url?: string; token?: string; body?: string } = {};
    const s = await server((req, res, body) => {
      if (req.url === '/start') return res.end('n=42;');
      Object.assign(seen, { url: req.url, token: req.headers['x-token'], body });
      res.end('ok');
    });
    const probe = await runFlow(
      `version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - id: f
    kind: flow
    surface: api
    steps:
      - id: start
        request: { url: /start }
        capture: { n: { regex: 'n=(\\d+);' } }
      - id: use
        request:
          method: POST
          url: "/use/\${secret.P}\${n}"
          headers: { x-token: "\${secret.P}\${n}" }
          form: { v: "\${secret.P}\${n}" }
`,
      { env: { P: 'pa$' } },
    );
    expect(probe.failedSamples, JSON.stringify(probe.errors)).toBe(0);
    expect(seen.token).toBe('pa$42');
    expect(seen.body).toBe('v=pa%2442');
    expect(seen.url).toBe('/use/pa$42');
  });
});
