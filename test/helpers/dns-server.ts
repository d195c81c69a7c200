// DNS for tests: the runtime's loopback responder (src/target/dns-responder.ts), a UDP port that
// never answers, and a closed UDP port (the kernel answers "port unreachable"). No test asks a real
// resolver.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { afterEach } from 'vitest';
import { startDnsResponder, type DnsResponder, type DnsZone } from '../../src/target/dns-responder.js';

export { startDnsResponder } from '../../src/target/dns-responder.js';
export type { DnsResponder, DnsResponderOptions, DnsZone, DnsZoneEntry } from '../../src/target/dns-responder.js';

/** A UDP socket bound on loopback that reads every datagram and answers none. */
export interface SilentUdpPort {
  port: number;
  /** `127.0.0.1:<port>`, for `dns.server` / `resolver`. */
  address: string;
  /** Datagrams received (so a test can see its query arrived). */
  readonly received: number;
  close(): Promise<void>;
}

export async function startSilentUdpPort(host = '127.0.0.1'): Promise<SilentUdpPort> {
  const socket: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  let received = 0;
  socket.on('message', () => received++);
  socket.bind(0, host);
  await once(socket, 'listening');
  const port = socket.address().port;
  return {
    port,
    address: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    get received() {
      return received;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A loopback UDP port nothing listens on: a query there gets ICMP "port unreachable". */
export async function closedUdpPort(): Promise<number> {
  const silent = await startSilentUdpPort();
  await silent.close();
  return silent.port;
}

/**
 * Call at the top of a test file: returns a starter for responders on 127.0.0.1 that are closed
 * after each test, however it ends.
 */
export function dnsAfterEach(): (zone: DnsZone, host?: string) => Promise<DnsResponder> {
  const started: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return async (zone, host) => {
    const responder = await startDnsResponder({ zone, ...(host === undefined ? {} : { host }) });
    started.push(responder);
    return responder;
  };
}
