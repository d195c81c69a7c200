// The ::1-only server really is on ::1 only: 127.0.0.1 is refused there.
import { connect } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect } from 'vitest';
import { itWithIpv6, startIpv6HttpServer, type Ipv6Server } from './ipv6.js';

const started: Ipv6Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function connectOutcome(host: string, port: number): Promise<string> {
  const socket = connect({ host, port });
  try {
    await once(socket, 'connect'); // rejects with the socket's error
    return 'connected';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'unknown';
  } finally {
    socket.destroy();
  }
}

describe('a server on ::1 only', () => {
  itWithIpv6('answers HTTP on [::1] and refuses 127.0.0.1 on the same port', async () => {
    const server = await startIpv6HttpServer((_req, res) => res.end('six'));
    started.push(server);
    const response = await fetch(`${server.url}/`);
    expect(await response.text()).toBe('six');
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect(await connectOutcome('127.0.0.1', server.port)).toBe('ECONNREFUSED');
    expect(server.accepted).toBe(1);
  });
});
