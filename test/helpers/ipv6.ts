// Servers that listen on ::1 only, for "localhost reaches a server on ::1 as curl does". A machine
// without an IPv6 loopback cannot run those tests: `ipv6Available` says so, and `itWithIpv6`
// skips them with a visible message instead of failing.
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { it } from 'vitest';
import { listen, type TestServer } from './servers.js';

/** A TestServer (servers.ts), so `closeAfterEach()` keeps it too. */
export type Ipv6Server = TestServer;

/** Whether this machine can listen on ::1 (checked once, by trying). */
export const ipv6Available: boolean = await canListenOnIpv6Loopback();

if (!ipv6Available) console.warn('this machine has no IPv6 loopback (::1): the tests that need one are skipped');

/** `it`, skipped (with the warning above) when the machine has no ::1. */
export const itWithIpv6 = it.skipIf(!ipv6Available);

/** An HTTP server listening on [::1] only (nothing on 127.0.0.1). */
export function startIpv6HttpServer(handler: RequestListener): Promise<Ipv6Server> {
  return listenOnIpv6(createHttpServer(handler));
}

/** A raw TCP server on [::1] only. */
export function startIpv6RawServer(onSocket: (socket: Socket) => void): Promise<Ipv6Server> {
  return listenOnIpv6(createNetServer(onSocket));
}

function listenOnIpv6(server: Server): Promise<Ipv6Server> {
  return listen(server, 'http', '::1');
}

async function canListenOnIpv6Loopback(): Promise<boolean> {
  const probe = createNetServer();
  try {
    probe.listen({ port: 0, host: '::1', ipv6Only: true });
    await Promise.race([once(probe, 'listening'), once(probe, 'error').then(([err]) => Promise.reject(err as Error))]);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return true;
  } catch {
    return false;
  }
}
