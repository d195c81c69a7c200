import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { displayUrl, runControls } from '../../src/run/controls.js';

const servers: (Server | NetServer)[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen<T extends Server | NetServer>(server: T): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const answering = (status: number, body = 'ok') => createHttpServer((_, res) => res.writeHead(status).end(body));

describe('runControls', () => {
  it('any HTTP answer passes: 200, 500, a redirect, a big body', async () => {
    const urls = await Promise.all([
      listen(answering(200)),
      listen(answering(500)),
      listen(createHttpServer((_, res) => res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end())),
      listen(answering(200, 'x'.repeat(5_000_000))),
    ]);
    const outcomes = await runControls(urls.map((url) => ({ url, timeoutMs: 2000, headers: {} })));
    expect(outcomes.map((o) => o.passed)).toEqual([true, true, true, true]);
    expect(outcomes[0]).toEqual({ url: urls[0], passed: true, failureClass: null });
  });

  it('a refused connection fails as connect, a silent server as timeout, within the timeout', async () => {
    const closed = createNetServer();
    const refusedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.pop();
    const silent = createNetServer((socket) => sockets.push(socket));
    const silentUrl = await listen(silent);
    const outcomes = await runControls([
      { url: refusedUrl, timeoutMs: 1000, headers: {} },
      { url: silentUrl, timeoutMs: 300, headers: {} },
    ]);
    expect(outcomes).toEqual([
      { url: refusedUrl, passed: false, failureClass: 'connect' },
      { url: silentUrl, passed: false, failureClass: 'timeout' },
    ]);
  });

  it('reports show a control without its user name or password', () => {
    expect(displayUrl('http://user:hunter2@127.0.0.1:9/x')).toBe('http://127.0.0.1:9/x');
  });
});
