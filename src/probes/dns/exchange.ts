// One DNS message exchange with a server over UDP or TCP, within a deadline. Replies that are not
// DNS, or answer another query (another id or question), are ignored and counted, as a resolver
// does against spoofing: only the deadline ends a wait, never a hostile byte.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { isIPv6 } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { DecodedPacket, Packet } from 'dns-packet';
import type { DnsServerAddress } from './server-address.js';

/** How an exchange ended: a matching reply, a socket error (its code), or nothing usable in time. */
export type ExchangeOutcome =
  | { kind: 'reply'; packet: DecodedPacket; receivedAt: number }
  | { kind: 'error'; code: string }
  | { kind: 'timeout'; unusableReplies: number };

export interface ExchangeOptions {
  server: DnsServerAddress;
  query: Packet;
  /** performance.now() value at which the wait ends. */
  deadline: number;
  signal?: AbortSignal;
}

/** Sends `query` in one datagram and waits for the reply that answers it. */
export function exchangeUdp({ server, query, deadline, signal }: ExchangeOptions): Promise<ExchangeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    let unusable = 0;
    const finish = settleOnce(socket.close.bind(socket), deadline, signal, resolve, reject, () => ({ kind: 'timeout', unusableReplies: unusable }));
    // A connected socket receives only this server's datagrams, and ICMP "port unreachable" as ECONNREFUSED.
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'error', code: err.code ?? 'EUNKNOWN' }));
    socket.on('message', (message: Buffer) => {
      const receivedAt = performance.now();
      const packet = decodeReplyTo(query, message);
      if (packet) finish({ kind: 'reply', packet, receivedAt });
      else unusable++;
    });
    socket.connect(server.port, server.host, () => socket.send(dnsPacket.encode(query)));
  });
}

/** Sends `query` over TCP (after a truncated UDP reply) and reads one length-prefixed reply. */
export function exchangeTcp({ server, query, deadline, signal }: ExchangeOptions): Promise<ExchangeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    let buffered = Buffer.alloc(0);
    const finish = settleOnce(() => socket.destroy(), deadline, signal, resolve, reject, () => ({ kind: 'timeout', unusableReplies: 0 }));
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'error', code: err.code ?? 'EUNKNOWN' }));
    socket.on('close', () => finish({ kind: 'error', code: 'ECONNRESET' }));
    socket.on('connect', () => socket.write(dnsPacket.streamEncode(query)));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      const packet = decodeReplyTo(query, buffered.subarray(2, 2 + length));
      finish(packet ? { kind: 'reply', packet, receivedAt: performance.now() } : { kind: 'timeout', unusableReplies: 1 });
    });
  });
}

/**
 * Settles an exchange exactly once: by `finish`, by the deadline (`onTimeout`'s outcome), or by
 * the run's interruption (a rejection, as every sample does on Ctrl-C). Cleans up in every case.
 */
function settleOnce(
  cleanup: () => void,
  deadline: number,
  signal: AbortSignal | undefined,
  resolve: (outcome: ExchangeOutcome) => void,
  reject: (reason: unknown) => void,
  onTimeout: () => ExchangeOutcome,
): (outcome: ExchangeOutcome) => void {
  let settled = false;
  const end = (settle: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    try {
      cleanup();
    } catch {
      // already closed
    }
    settle();
  };
  const onAbort = () => end(() => reject(signal?.reason));
  const timer = setTimeout(() => end(() => resolve(onTimeout())), Math.max(0, deadline - performance.now()));
  if (signal?.aborted) queueMicrotask(onAbort);
  else signal?.addEventListener('abort', onAbort, { once: true });
  return (outcome) => end(() => resolve(outcome));
}

/** The decoded reply if `message` is a response to `query` (same id and question), else null. */
function decodeReplyTo(query: Packet, message: Buffer): DecodedPacket | null {
  let packet: DecodedPacket;
  try {
    packet = dnsPacket.decode(message);
  } catch {
    return null;
  }
  const asked = query.questions?.[0];
  const echoed = packet.questions?.[0];
  if (packet.type !== 'response' || packet.id !== query.id || asked === undefined) return null;
  // A reply without its question section is allowed (some servers omit it on errors).
  if (echoed !== undefined && (echoed.type !== asked.type || echoed.name.toLowerCase() !== asked.name.toLowerCase())) return null;
  return packet;
}
