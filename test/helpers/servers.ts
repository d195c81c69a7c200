// Real servers on 127.0.0.1 port 0 for the tests: plain HTTP, HTTPS with a throwaway
// certificate, and raw TCP for servers that misbehave below HTTP (resets, hangs, garbage).
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type LookupFunction, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach } from 'vitest';

export interface TestServer {
  url: string;
  port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections open right now. */
  readonly open: number;
  close(): Promise<void>;
}

export type CertificateName = 'self-signed' | 'expired' | 'wrong-host';

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);

export function certificate(name: CertificateName): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(new URL(`${name}.key`, TLS_DIR)), cert: readFileSync(new URL(`${name}.crt`, TLS_DIR)) };
}

/**
 * Listens on port 0 of a loopback address and counts the connections: every test server is
 * made with it. On `::1` it listens on IPv6 only (nothing on 127.0.0.1).
 */
export async function listen(server: Server, scheme: 'http' | 'https' | 'tls', host: '127.0.0.1' | '::1' = '127.0.0.1'): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(host === '::1' ? { port: 0, host, ipv6Only: true } : { port: 0, host });
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `${scheme}://${host === '::1' ? '[::1]' : host}:${address.port}`,
    port: address.port,
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function startHttpServer(handler: RequestListener): Promise<TestServer> {
  return listen(createHttpServer(handler), 'http');
}

export function startHttpsServer(handler: RequestListener, cert: CertificateName = 'self-signed'): Promise<TestServer> {
  return listen(createHttpsServer(certificate(cert), handler), 'https');
}

/** A TCP server that hands each connection to `onSocket`: for malformed HTTP, resets, hangs. */
export function startRawServer(onSocket: (socket: Socket) => void): Promise<TestServer> {
  return listen(createNetServer(onSocket), 'http');
}

/** A loopback port with nothing listening on it: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = await startRawServer(() => undefined);
  await server.close();
  return server.port;
}

/**
 * A DNS stand-in: names in `table` resolve (after `delayMs`), others fail with ENOTFOUND, and no
 * resolver is ever asked (tests send no traffic off this machine).
 */
export function fakeLookup(table: Record<string, string>, delayMs = 0): LookupFunction {
  return (host, options, cb) => {
    const address = table[host];
    setTimeout(() => {
      if (address === undefined) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '');
      if (options.all) return cb(null, [{ address, family: 4 }]);
      cb(null, address, 4);
    }, delayMs);
  };
}

/** Anything a test opens and must close: a server, a connection pool, a target. */
export interface Closable {
  close(): Promise<unknown>;
}

const opened: Closable[] = [];

/** Hands back `thing` (or what the promise gives) and closes it after the current test, however the test ends. */
export function keep<T extends Closable>(thing: T): T;
export function keep<T extends Closable>(thing: Promise<T>): Promise<T>;
export function keep<T extends Closable>(thing: T | Promise<T>): T | Promise<T> {
  if (thing instanceof Promise) return thing.then((started) => keep(started));
  opened.push(thing);
  return thing;
}

/**
 * Call once at the top of a spec file: everything `keep` was given during a test is closed after
 * it (the one cleanup helper of the suite, so no server or socket outlives its test).
 */
export function closeAfterEach(): void {
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((thing) => thing.close()));
  });
}
