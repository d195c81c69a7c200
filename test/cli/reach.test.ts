// SPEC "Reaching real services", end to end through the built CLI: each field from a probes file,
// against real loopback servers (a private CA, HTTP/2, a proxy, a DNS responder, gzip, Basic auth).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { createProxy } from 'proxy';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';
import { dnsAfterEach } from '../helpers/dns-server.js';
import { closedPort } from '../helpers/servers.js';
import { testCa, writeTestCa } from '../helpers/tls-ca.js';
import { listen } from '../transport/helpers.js';

const dns = dnsAfterEach();

type ProbeEntry = JsonReport['probes'][number] & {
  httpVersion: string | null;
  tls: { version: string; certificate: { subject: string; issuer: string; notAfter: string; daysLeft: number } } | null;
};

const NO_PROXY_ENV = { HTTPS_PROXY: undefined, HTTP_PROXY: undefined, https_proxy: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };

/** A folder with the test CA's files in certs/ and the probes file beside them; runs it. */
async function run(yaml: string, args: string[] = [], env: Record<string, string | undefined> = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'upprobe-reach-'));
  mkdirSync(join(folder, 'certs'));
  await writeTestCa(await testCa(), join(folder, 'certs'));
  const file = join(folder, 'probes.yaml');
  writeFileSync(file, yaml);
  const result = await runCli(['run', file, '--json', ...args], { env: { ...NO_PROXY_ENV, ...env } });
  const report = (result.stdout.startsWith('{') ? JSON.parse(result.stdout) : { probes: [] }) as JsonReport;
  const probe = (id: string) => report.probes.find((p) => p.id === id) as ProbeEntry;
  return { ...result, report, probe };
}

describe('TLS and HTTP/2 from the probes file', () => {
  it('ca relative to the file; HTTP/2 by default and http2: false at probe level; version and certificate in JSON', async () => {
    const ca = await testCa();
    const port = await listen(createSecureServer({ ...ca.server, allowHTTP1: true }, (req, res) => res.end(`v${req.httpVersion}`)));
    const { code, probe } = await run(`version: 1
defaults: { ca: certs/ca.pem, baseUrl: "https://localhost:${port}" }
probes:
  - { id: h2, kind: http, surface: api, request: { url: / }, expect: { body: { contains: v2.0 } } }
  - { id: h1, kind: http, surface: api, http2: false, request: { url: / }, expect: { body: { contains: v1.1 } } }
`);
    expect(code).toBe(0);
    expect(probe('h2').httpVersion).toBe('2');
    expect(probe('h1').httpVersion).toBe('1.1');
    expect(probe('h2').tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(probe('h2').tls?.certificate).toMatchObject({ subject: 'CN=localhost', issuer: 'CN=upprobe test CA', daysLeft: 89 });
  });

  it('minDaysLeft fails a certificate expiring in 3 days as tls, shows the days left, and exports the expiry gauge', async () => {
    const ca = await testCa();
    const port = await listen(createHttpsServer(ca.expiringSoon, (_req, res) => res.end('ok')));
    const promFile = join(mkdtempSync(join(tmpdir(), 'upprobe-prom-')), 'out.prom');
    const { code, probe, stderr } = await run(`version: 1
defaults: { ca: certs/ca.pem }
probes:
  - { id: soon, kind: http, surface: web, request: { url: "https://localhost:${port}/" }, expect: { certificate: { minDaysLeft: 14 } } }
`, ['--prom', promFile], { COLUMNS: '200' });
    expect(code).toBe(1);
    expect(probe('soon').failuresByClass).toEqual({ tls: 1 });
    expect(probe('soon').errors[0]?.message).toMatch(/^certificate expires in 3 day\(s\), under minDaysLeft 14 \(notAfter .*, subject CN=localhost\)$/);
    expect(probe('soon').tls?.certificate.daysLeft).toBe(3);
    expect(stderr).toMatch(/soon .* 1\.1 cert 3d/);
    const prom = readFileSync(promFile, 'utf8');
    const expiry = Math.floor(Date.parse(probe('soon').tls?.certificate.notAfter ?? '') / 1000);
    expect(prom).toMatch(new RegExp(`^upprobe_probe_tls_cert_expiry_timestamp_seconds\\{[^}]*probe="soon"[^}]*\\} ${expiry}$`, 'm'));
    expect(prom).toMatch(/^upprobe_probe_http_version\{[^}]*probe="soon"[^}]*\} 1\.1$/m);
  });

  it('cert, key and a secret passphrase reach an mTLS server', async () => {
    const ca = await testCa();
    const port = await listen(
      createHttpsServer({ ...ca.server, ca: ca.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) =>
        res.end(`hello ${String((req.socket as TLSSocket).getPeerCertificate().subject?.CN)}`),
      ),
    );
    const { code, stdout, stderr } = await run(`version: 1
probes:
  - id: mtls
    kind: http
    surface: api
    ca: certs/ca.pem
    cert: certs/client.crt
    key: certs/client-encrypted.key
    passphrase: "\${secret.KEY_PASS}"
    request: { url: "https://localhost:${port}/" }
    expect: { body: { contains: hello upprobe-client } }
`, [], { KEY_PASS: ca.client.passphrase });
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(ca.client.passphrase);
  });
});

describe('proxies from the probes file and the environment', () => {
  async function proxy(): Promise<{ url: string; seen: string[] }> {
    const server = createProxy(createServer());
    const seen: string[] = [];
    server.on('request', (req) => seen.push(`GET ${req.url}`));
    server.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
    return { url: `http://127.0.0.1:${await listen(server)}`, seen };
  }

  it('proxy field, HTTPS_PROXY, and proxy: none', async () => {
    const ca = await testCa();
    const via = await proxy();
    const plain = await listen(createServer((_req, res) => res.end('ok')));
    const tls = await listen(createHttpsServer(ca.server, (_req, res) => res.end('ok')));
    const { code } = await run(`version: 1
defaults: { ca: certs/ca.pem }
probes:
  - { id: field, kind: http, surface: api, proxy: "${via.url}", request: { url: "http://127.0.0.1:${plain}/field" } }
  - { id: env, kind: http, surface: api, request: { url: "https://localhost:${tls}/" } }
  - { id: direct, kind: http, surface: api, request: { url: "https://localhost:${tls}/", proxy: none } }
`, ['-c', '1'], { HTTPS_PROXY: via.url });
    expect(code).toBe(0);
    expect(via.seen.sort()).toEqual([`CONNECT localhost:${tls}`, `GET http://127.0.0.1:${plain}/field`]);
  });

  it('an unreachable proxy is connect naming the proxy; its password never shows', async () => {
    const port = await closedPort();
    const { code, probe, stdout, stderr } = await run(`version: 1
probes:
  - { id: p, kind: http, surface: api, proxy: "http://probe:\${secret.PROXY_PW}@127.0.0.1:${port}", request: { url: "https://localhost:1/" } }
`, [], { PROXY_PW: 'hunter2-proxy' });
    expect(code).toBe(1);
    expect(probe('p').errors[0]).toMatchObject({ class: 'connect', detail: { proxy: `http://127.0.0.1:${port}`, address: `127.0.0.1:${port}` } });
    expect(probe('p').errors[0]?.message).toBe(`connection refused (ECONNREFUSED): proxy http://127.0.0.1:${port} at 127.0.0.1:${port}`);
    expect(stdout + stderr).not.toContain('hunter2-proxy');
  });
});

describe('names, compression, Basic auth, negative body checks', () => {
  it('resolve and resolver in a request; a refused connect names its address', async () => {
    const port = await listen(createServer((req, res) => res.end(`host ${req.headers.host}`)));
    const responder = await dns({ 'svc.upprobe.test': { A: ['127.0.0.1'] } });
    const closed = await closedPort();
    const { code, probe } = await run(`version: 1
probes:
  - { id: resolve, kind: http, surface: api, request: { url: "http://edge.invalid:${port}/", resolve: { "edge.invalid": 127.0.0.1 } }, expect: { body: { contains: "host edge.invalid" } } }
  - { id: resolver, kind: http, surface: api, resolver: "${responder.address}", request: { url: "http://svc.upprobe.test:${port}/" } }
  - { id: refused, kind: http, surface: api, request: { url: "http://127.0.0.1:${closed}/" } }
`);
    expect(code).toBe(1);
    expect(probe('resolve').passed).toBe(true);
    expect(probe('resolver').passed).toBe(true);
    expect(probe('refused').errors[0]?.message).toBe(`connection refused (ECONNREFUSED): 127.0.0.1:${closed}`);
  });

  it('decompress: true asks for gzip and checks the decoded body; notContains catches a soft error page', async () => {
    const port = await listen(
      createServer((req, res) => {
        const page = req.url === '/soft' ? '<h1>Something went wrong</h1>' : '<h1>All good</h1>';
        if (req.headers['accept-encoding']?.includes('gzip')) res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(page));
        else res.end('asked for no compression');
      }),
    );
    const { probe } = await run(`version: 1
defaults: { decompress: true, baseUrl: "http://127.0.0.1:${port}" }
probes:
  - { id: good, kind: http, surface: web, request: { url: / }, expect: { body: { contains: All good, notContains: went wrong } } }
  - { id: soft, kind: http, surface: web, request: { url: /soft }, expect: { body: { notContains: went wrong } } }
`);
    expect(probe('good').passed).toBe(true);
    expect(probe('soft').errors[0]?.message).toBe('body: expected not contains "went wrong", got <h1>Something went wrong</h1>');
  });

  it('auth.basic and user:pass@ are sent as Basic; both passwords are masked, also when the server echoes them', async () => {
    const port = await listen(
      createServer((req, res) => {
        const [user, password] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
        res.writeHead(user === 'monitor' ? 200 : 401).end(`you sent ${user}:${password}`);
      }),
    );
    const { probe, stdout, stderr } = await run(`version: 1
probes:
  - { id: field, kind: http, surface: web, auth: { basic: { user: monitor, password: "\${secret.ADMIN_PW}" } }, request: { url: "http://127.0.0.1:${port}/" } }
  - { id: url, kind: http, surface: web, request: { url: "http://someone:plain-url-pw@127.0.0.1:${port}/" } }
`, [], { ADMIN_PW: 'adm1n-secret' });
    expect(probe('field').passed).toBe(true);
    expect(probe('url').errors[0]).toMatchObject({ class: 'http_4xx', url: `http://127.0.0.1:${port}/` });
    expect(probe('url').errors[0]?.message).toBe('401 Unauthorized · body: you sent someone:***');
    expect(stdout + stderr).not.toContain('plain-url-pw');
    expect(stdout + stderr).not.toContain('adm1n-secret');
  });
});

describe('flow steps', () => {
  it("a step's request settings win over the probe's, for that step only", async () => {
    const port = await listen(
      createServer((req, res) => {
        if (req.headers['accept-encoding']?.includes('gzip')) res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('decoded page'));
        else res.end('plain page');
      }),
    );
    const { code, probe } = await run(`version: 1
probes:
  - id: f
    kind: flow
    surface: web
    decompress: true
    steps:
      - { id: one, request: { url: "http://127.0.0.1:${port}/" }, expect: { body: { contains: decoded page } } }
      - { id: two, request: { url: "http://127.0.0.1:${port}/", decompress: false }, expect: { body: { contains: plain page } } }
`);
    expect(code).toBe(0);
    expect(probe('f').httpVersion).toBe('1.1');
    expect(probe('f').tls).toBeNull();
  });
});

describe('bad settings are config errors (exit 2) with a place', () => {
  it('a missing ca file, a resolver that is not an address, a proxy that is not http', async () => {
    const { code, stderr } = await run(`version: 1
defaults:
  ca: certs/nope.pem
probes:
  - id: a
    kind: http
    surface: api
    resolver: dns.example
    proxy: "https://p.invalid:1"
    cert: certs/client.crt
    request: { url: "https://localhost/" }
`);
    expect(code).toBe(2);
    expect(stderr).toContain('probes.yaml:3:7: defaults.ca: cannot read certs/nope.pem (no such file)');
    expect(stderr).toMatch(/probes\.yaml:8:15: probes\[0\]\.resolver: expected the IP address of a DNS server/);
    expect(stderr).toContain('probes.yaml:9:12: probes[0].proxy: https://p.invalid:1: only http:// proxies are supported');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
