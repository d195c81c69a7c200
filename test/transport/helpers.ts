// Shared by the transport tests: a pool per test (closed after it) and a request with defaults.
import { once } from 'node:events';
import type { Server, Socket } from 'node:net';
import { afterEach } from 'vitest';
import { ConnectionPool } from '../../src/http/connections.js';
import { fetchFollowingRedirects, type FetchRequest, type FetchResult } from '../../src/http/redirects.js';
import type { ConnectionOptions } from '../../src/http/transport.js';

const pools: ConnectionPool[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          (s as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
          s.close(() => resolve());
        }),
    ),
  );
});

/** Listens on `host` (127.0.0.1 unless told), closes after the test; returns the port. */
export async function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => socket.on('error', () => undefined));
  server.listen(0, host);
  await once(server, 'listening');
  servers.push(Object.assign(server, { closeAllConnections: () => sockets.forEach((s) => s.destroy()) }));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function pool(options: Partial<ConnectionOptions> = {}): ConnectionPool {
  const p = new ConnectionPool({ timeoutMs: 2000, ...options });
  pools.push(p);
  return p;
}

export function get(url: string, options: Partial<ConnectionOptions> = {}, overrides: Partial<FetchRequest> = {}, using = pool(options)): Promise<FetchResult> {
  return fetchFollowingRedirects(using, {
    url: new URL(url),
    method: 'GET',
    headers: {},
    followRedirects: true,
    maxRedirects: 10,
    maxBodySize: 1024 * 1024,
    timeoutMs: 2000,
    ...overrides,
  });
}
