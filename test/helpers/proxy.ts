// A real HTTP forward proxy on 127.0.0.1 port 0 (the `proxy` package, "think Squid"): plain
// requests are forwarded, HTTPS goes through CONNECT tunnels, optionally behind Basic proxy auth.
// It counts what it did, and refuses (403) any target that is not loopback, so a test can never
// send traffic off this machine through it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { once } from 'node:events';
import { createProxy } from 'proxy';

export interface TestProxyOptions {
  /** Require `Proxy-Authorization: Basic` with these credentials (407 otherwise). */
  auth?: { user: string; password: string };
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>`, without credentials. */
  url: string;
  port: number;
  /** The same URL with the credentials of `options.auth` in it (or `url` without auth). */
  urlWithAuth: string;
  /** Plain HTTP requests forwarded. */
  readonly requests: number;
  /** CONNECT tunnels opened. */
  readonly tunnels: number;
  /** Requests answered 407 for missing or wrong credentials. */
  readonly authFailures: number;
  /** Requests refused with 403 because the target was not loopback. */
  readonly refused: number;
  /** Every target asked for, in order: `http://127.0.0.1:8080/x` or `127.0.0.1:8443` (CONNECT). */
  readonly targets: readonly string[];
  close(): Promise<void>;
}

type RequestHandler = (this: unknown, req: IncomingMessage, res: ServerResponse) => void;
type ConnectHandler = (this: unknown, req: IncomingMessage, socket: Socket, head: Buffer) => void;

export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const server = createProxy(createServer());
  const expected = options.auth ? `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}` : null;
  let authFailures = 0;
  server.authenticate = (req) => {
    if (expected === null || req.headers['proxy-authorization'] === expected) return true;
    authFailures++;
    return false;
  };

  // Wrap the package's own handlers: count, and refuse non-loopback targets before it connects anywhere.
  const [forward] = server.listeners('request') as RequestHandler[];
  const [tunnel] = server.listeners('connect') as ConnectHandler[];
  if (forward === undefined || tunnel === undefined) throw new Error('the proxy package did not install its handlers');
  server.removeAllListeners('request');
  server.removeAllListeners('connect');
  let requests = 0;
  let tunnels = 0;
  let refused = 0;
  const targets: string[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    targets.push(req.url ?? '');
    if (!isLoopbackTarget(hostOfUrl(req.url))) {
      refused++;
      res.writeHead(403).end('this test proxy only reaches loopback\n');
      return;
    }
    requests++;
    forward.call(server, req, res);
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    if (!isLoopbackTarget(hostOfAuthority(req.url ?? ''))) {
      refused++;
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    tunnels++;
    tunnel.call(server, req, socket, head);
  });

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    urlWithAuth: options.auth ? `http://${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.password)}@127.0.0.1:${port}` : url,
    get requests() {
      return requests;
    },
    get tunnels() {
      return tunnels;
    },
    get authFailures() {
      return authFailures;
    },
    get refused() {
      return refused;
    },
    targets,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function hostOfUrl(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

/** `127.0.0.1:443` / `[::1]:443` / `localhost:443` → the host part. */
function hostOfAuthority(authority: string): string {
  return hostOfUrl(`http://${authority}/`);
}

function isLoopbackTarget(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
