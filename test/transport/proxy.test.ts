// Proxies: a real HTTP proxy (the `proxy` package) on loopback, reached through the `proxy` field or
// the environment; https goes through CONNECT, plain http in absolute form.
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProxy } from 'proxy';
import { noProxyMatcher, parseProxy, proxyChooser, ProxyConfigError } from '../../src/http/proxy.js';
import { closedPort, fakeLookup } from '../helpers/servers.js';
import { testCa } from '../helpers/tls-ca.js';
import { get, listen } from './helpers.js';

const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'];
let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of PROXY_VARIABLES) delete process.env[name];
});
afterEach(() => {
  for (const name of PROXY_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

interface TestProxy {
  url: string;
  /** Requests forwarded in absolute form, and CONNECT tunnels opened. */
  forwarded: string[];
  tunnels: string[];
}

async function startProxy(credentials?: { user: string; password: string }): Promise<TestProxy> {
  const server = createProxy(createServer());
  const seen: TestProxy = { url: '', forwarded: [], tunnels: [] };
  server.on('request', (req) => seen.forwarded.push(req.url ?? ''));
  server.on('connect', (req) => seen.tunnels.push(req.url ?? ''));
  if (credentials) {
    const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
  }
  seen.url = `http://127.0.0.1:${await listen(server)}`;
  return seen;
}

const hello = () => createServer((req, res) => res.end(`hello ${req.headers.host}`));

describe('the proxy field', () => {
  it('sends plain http through the proxy in absolute form; connect is the connection to the proxy', async () => {
    const proxy = await startProxy();
    const port = await listen(hello());
    const result = await get(`http://127.0.0.1:${port}/x`, { proxy: proxy.url });
    expect(result.ok && result.response.body.toString()).toBe(`hello 127.0.0.1:${port}`);
    expect(proxy.forwarded).toEqual([`http://127.0.0.1:${port}/x`]);
    expect(result.timings.connect).toBeGreaterThan(0);
    // The address the connection reached is the proxy's: the target is never connected to.
    expect(result.peer).toBe(proxy.url.replace('http://', ''));
  });

  it('tunnels https with CONNECT, then TLS (and HTTP/2) with the target itself', async () => {
    const ca = await testCa();
    const proxy = await startProxy();
    const target = createSecureServer({ ...ca.server, allowHTTP1: true }, (req, res) => res.end(`over ${req.httpVersion}`));
    const port = await listen(target);
    const result = await get(`https://localhost:${port}/`, { proxy: proxy.url, ca: ca.caCert });
    expect(result.ok && result.response.body.toString()).toBe('over 2.0');
    expect(proxy.tunnels).toEqual([`localhost:${port}`]);
    expect(result.httpVersion).toBe('2');
    expect(result.tls?.certificate?.subject).toBe('CN=localhost');
    expect(result.timings.connect).toBeGreaterThan(0);
    expect(result.timings.tls).toBeGreaterThan(0);
    expect(result.peer).toBe(proxy.url.replace('http://', ''));
  });

  it('sends the proxy credentials of the URL (tunnel and absolute form) and never shows them', async () => {
    const ca = await testCa();
    const proxy = await startProxy({ user: 'probe', password: 's3cret-pw' });
    const withCredentials = proxy.url.replace('http://', 'http://probe:s3cret-pw@');
    const plain = await listen(hello());
    const tls = await listen(createSecureServer({ ...ca.server, allowHTTP1: true }, (_req, res) => res.end('tls ok')));
    expect((await get(`http://127.0.0.1:${plain}/`, { proxy: withCredentials })).ok).toBe(true);
    expect((await get(`https://localhost:${tls}/`, { proxy: withCredentials, ca: ca.caCert })).ok).toBe(true);

    const refused = await get(`https://localhost:${tls}/`, { proxy: proxy.url, ca: ca.caCert });
    expect(!refused.ok && refused.failure).toMatchObject({ class: 'connect', proxy: proxy.url, proxyStatus: 407 });
  });

  it('an unreachable proxy fails as connect naming the proxy and the address, without its credentials', async () => {
    const port = await closedPort();
    const result = await get('https://localhost:1/', { proxy: `http://probe:s3cret-pw@127.0.0.1:${port}` });
    expect(!result.ok && result.failure).toMatchObject({ class: 'connect', code: 'ECONNREFUSED', proxy: `http://127.0.0.1:${port}`, address: `127.0.0.1:${port}` });
    expect(JSON.stringify(result)).not.toContain('s3cret-pw');
    const plain = await get('http://localhost:1/', { proxy: `http://127.0.0.1:${port}` });
    expect(!plain.ok && plain.failure).toMatchObject({ class: 'connect', proxy: `http://127.0.0.1:${port}` });
  });

  it('a proxy whose name does not resolve is connect too (not dns: the target was never asked for)', async () => {
    const result = await get('https://localhost:1/', { proxy: 'http://proxy.invalid:3128', lookup: fakeLookup({}) });
    expect(!result.ok && result.failure).toMatchObject({ class: 'connect', code: 'ENOTFOUND', proxy: 'http://proxy.invalid:3128' });
  });

  it('a proxy that cannot reach the target answers CONNECT with an error: connect, with that status', async () => {
    const proxy = await startProxy();
    const closed = await closedPort();
    const result = await get(`https://127.0.0.1:${closed}/`, { proxy: proxy.url });
    expect(!result.ok && result.failure).toMatchObject({ class: 'connect', proxy: proxy.url });
  });
});

describe('the environment', () => {
  it('HTTPS_PROXY (upper case) and http_proxy (lower case) are honoured', async () => {
    const ca = await testCa();
    const proxy = await startProxy();
    const plain = await listen(hello());
    const tls = await listen(createSecureServer({ ...ca.server, allowHTTP1: true }, (_req, res) => res.end('ok')));
    process.env['HTTPS_PROXY'] = proxy.url;
    process.env['http_proxy'] = proxy.url;
    expect((await get(`https://localhost:${tls}/`, { ca: ca.caCert })).ok).toBe(true);
    expect((await get(`http://127.0.0.1:${plain}/`)).ok).toBe(true);
    expect(proxy.tunnels).toHaveLength(1);
    expect(proxy.forwarded).toHaveLength(1);
  });

  it('NO_PROXY and proxy: none go direct', async () => {
    const proxy = await startProxy();
    const port = await listen(hello());
    process.env['HTTP_PROXY'] = proxy.url;
    process.env['NO_PROXY'] = 'example.com, 127.0.0.1';
    expect((await get(`http://127.0.0.1:${port}/`)).ok).toBe(true);
    delete process.env['NO_PROXY'];
    expect((await get(`http://127.0.0.1:${port}/`, { proxy: 'none' })).ok).toBe(true);
    expect(proxy.forwarded).toEqual([]);
    expect((await get(`http://127.0.0.1:${port}/`)).ok).toBe(true);
    expect(proxy.forwarded).toHaveLength(1);
  });

  it('https falls back to HTTP_PROXY as undici does; an empty variable counts as unset', () => {
    const chooser = proxyChooser(undefined, { HTTP_PROXY: 'http://p.invalid:3128', https_proxy: '' });
    expect(chooser?.choose({ protocol: 'https:', hostname: 'a.invalid', port: '' })?.label).toBe('http://p.invalid:3128');
    expect(proxyChooser(undefined, { https_proxy: ' ' })).toBeNull();
    expect(proxyChooser(undefined, {})).toBeNull();
  });

  it('lower case wins over upper case, as undici reads them', () => {
    const chooser = proxyChooser(undefined, { http_proxy: 'http://lower.invalid:1', HTTP_PROXY: 'http://upper.invalid:2' });
    expect(chooser?.choose({ protocol: 'http:', hostname: 'a.invalid', port: '' })?.label).toBe('http://lower.invalid:1');
  });
});

describe('NO_PROXY entries', () => {
  const bypass = noProxyMatcher('.internal.example, corp.example,10.0.0.1, api.example:8443, [::1]:8080, *.wild.example');
  it.each([
    ['a.internal.example', 443, true],
    ['internal.example', 443, true],
    ['corp.example', 80, true],
    ['deep.sub.corp.example', 80, true],
    ['notcorp.example', 80, false],
    ['10.0.0.1', 80, true],
    ['10.0.0.10', 80, false],
    ['api.example', 8443, true],
    ['api.example', 443, false],
    ['[::1]', 8080, true],
    ['::1', 8081, false],
    ['x.wild.example', 80, true],
    ['CORP.EXAMPLE', 80, true],
  ])('%s:%i bypasses the proxy: %s', (host, port, expected) => {
    expect(bypass(host, port)).toBe(expected);
  });

  it('* bypasses every host; an empty list none', () => {
    expect(noProxyMatcher('*')('anything.example', 1)).toBe(true);
    expect(noProxyMatcher(' , ')('anything.example', 1)).toBe(false);
  });
});

describe('proxy URLs', () => {
  it('a bare host:port means http://; credentials become Proxy-Authorization and never the label', () => {
    expect(parseProxy('proxy.invalid:3128')).toEqual({ host: 'proxy.invalid', port: 3128, label: 'http://proxy.invalid:3128', authorization: null });
    const withAuth = parseProxy('http://us%40er:p%3Ass@proxy.invalid:8080');
    expect(withAuth.label).toBe('http://proxy.invalid:8080');
    expect(withAuth.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });

  it('refuses what it cannot use, without echoing credentials', () => {
    expect(() => parseProxy('https://u:topsecret@proxy.invalid')).toThrow(ProxyConfigError);
    expect(() => parseProxy('https://u:topsecret@proxy.invalid')).toThrow(/^proxy https:\/\/proxy\.invalid: only http:\/\/ proxies are supported$/);
    expect(() => parseProxy('http://[bad')).toThrow(/^proxy: not a URL/);
  });
});
