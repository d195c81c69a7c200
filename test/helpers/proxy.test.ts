// The test proxy is a real proxy: undici's ProxyAgent reaches loopback servers through it, by
// plain forwarding and by CONNECT, with and without Basic proxy auth.
import { createServer as createHttpsServer } from 'node:https';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { ProxyAgent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAfterEach, keep, startHttpServer } from './servers.js';
import { startTestProxy, type TestProxy } from './proxy.js';
import { testCa } from './tls-ca.js';

closeAfterEach();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function proxy(options?: Parameters<typeof startTestProxy>[0]): Promise<TestProxy> {
  const started = await startTestProxy(options);
  cleanups.push(() => started.close());
  return started;
}

async function through(agent: ProxyAgent, url: string): Promise<{ status: number; body: string }> {
  const response = await request(url, { dispatcher: agent });
  return { status: response.statusCode, body: await response.body.text() };
}

describe('the test proxy', () => {
  it('forwards plain HTTP requests', async () => {
    const origin = await keep(startHttpServer((req, res) => res.end(`via ${req.headers.via ?? 'nothing'}`)));
    const p = await proxy();
    const agent = new ProxyAgent({ uri: p.url, proxyTunnel: false });
    cleanups.push(() => agent.close());
    const { status, body } = await through(agent, `${origin.url}/x`);
    expect(status).toBe(200);
    expect(body).toMatch(/^via 1\.1 .*proxy/);
    expect(p.requests).toBe(1);
    expect(p.targets).toEqual([`${origin.url}/x`]);
  });

  it('tunnels HTTPS through CONNECT', async () => {
    const ca = await testCa();
    const server = createHttpsServer({ cert: ca.server.cert, key: ca.server.key }, (_req, res) => res.end('secret place'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const p = await proxy();
    const agent = new ProxyAgent({ uri: p.url, requestTls: { ca: ca.caCert } });
    cleanups.push(() => agent.close());
    expect(await through(agent, `https://localhost:${port}/`)).toEqual({ status: 200, body: 'secret place' });
    expect(p.tunnels).toBe(1);
    expect(p.targets).toEqual([`localhost:${port}`]);
  });

  it('asks for Basic proxy credentials when configured, and accepts the right ones', async () => {
    const origin = await keep(startHttpServer((_req, res) => res.end('ok')));
    const p = await proxy({ auth: { user: 'probe', password: 'p@ss word' } });
    const anonymous = new ProxyAgent({ uri: p.url, proxyTunnel: false });
    const authorized = new ProxyAgent({ uri: p.urlWithAuth, proxyTunnel: false });
    cleanups.push(() => anonymous.close(), () => authorized.close());
    // undici turns the proxy's 407 into an error naming it.
    await expect(through(anonymous, `${origin.url}/`)).rejects.toThrow('(407)');
    expect(await through(authorized, `${origin.url}/`)).toEqual({ status: 200, body: 'ok' });
    expect(p.authFailures).toBe(1);
    expect(p.urlWithAuth).toContain('probe:p%40ss%20word@127.0.0.1');
  });

  it('refuses any target that is not loopback, without looking it up', async () => {
    const p = await proxy();
    const agent = new ProxyAgent({ uri: p.url, proxyTunnel: false });
    cleanups.push(() => agent.close());
    expect((await through(agent, 'http://upprobe-test.invalid/')).status).toBe(403);
    expect(p.refused).toBe(1);
    expect(p.requests).toBe(0);
  });
});
