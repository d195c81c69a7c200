// A DNS server on loopback UDP (and TCP, for truncated answers) that answers from a table of
// names: the demo target's `dns-broken` scenario and the tests use it instead of any real
// resolver. Per name it can also fail (SERVFAIL, NXDOMAIN, …), never answer, or misbehave.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Question } from 'dns-packet';
import { rcodeValue, type DnsRcode } from '../probes/dns/record-types.js';

/** What one name answers. Record types absent from an entry answer NOERROR with no records. */
export interface DnsZoneEntry {
  A?: string[];
  AAAA?: string[];
  /** An alias: queries of other types answer this CNAME and then the target's records. */
  CNAME?: string;
  MX?: { preference: number; exchange: string }[];
  /** One TXT record per item; an array item is one record of several strings. */
  TXT?: (string | string[])[];
  NS?: string[];
  /** Answer every query for this name with this rcode and no records. */
  rcode?: DnsRcode;
  /** Never answer (a resolver that times out). */
  silent?: boolean;
  /**
   * Misbehave over UDP: `garbage` replies bytes that are not DNS, `wrong-id` a well-formed reply
   * to another query id, `truncated` the TC flag with no records (the full answer over TCP).
   */
  misbehave?: 'garbage' | 'wrong-id' | 'truncated';
  ttl?: number;
}

/** Names (any case, with or without the trailing dot) → entries; other names are NXDOMAIN. */
export type DnsZone = Record<string, DnsZoneEntry>;

export interface DnsResponderOptions {
  zone: DnsZone;
  /** Default 127.0.0.1; `::1` for IPv6. */
  host?: string;
  /** Default 0: a free port (the same number for UDP and TCP). */
  port?: number;
}

export interface DnsResponder {
  host: string;
  port: number;
  /** `127.0.0.1:5353` or `[::1]:5353`: what `resolver` and `dns.server` take. */
  address: string;
  /** Queries received over UDP and TCP, garbage included. */
  readonly queries: number;
  /** Replaces (or, with undefined, removes) a name's entry while running: scenarios switch with it. */
  set(name: string, entry: DnsZoneEntry | undefined): void;
  close(): Promise<void>;
}

const MAX_CNAME_CHAIN = 8;

/** Starts the responder; UDP and TCP share one port number so a client can retry over TCP. */
export async function startDnsResponder(options: DnsResponderOptions): Promise<DnsResponder> {
  const host = options.host ?? '127.0.0.1';
  const zone = new Map(Object.entries(options.zone).map(([name, entry]) => [normalize(name), entry]));
  let queries = 0;

  const answer = (query: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    queries++;
    let packet: DecodedPacket;
    try {
      packet = dnsPacket.decode(query);
    } catch {
      return null;
    }
    return respond(packet, zone, transport);
  };

  const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  udp.on('message', (message: Buffer, peer: RemoteInfo) => {
    const reply = answer(message, 'udp');
    if (reply) udp.send(reply, peer.port, peer.address);
  });
  const tcp = createServer((socket) => serveTcp(socket, (q) => answer(q, 'tcp')));
  const sockets = new Set<Socket>();
  tcp.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listenOnOnePort(tcp, udp, host, options.port ?? 0);

  return {
    host,
    port,
    address: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    get queries() {
      return queries;
    },
    set(name, entry) {
      if (entry === undefined) zone.delete(normalize(name));
      else zone.set(normalize(name), entry);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

/**
 * Binds TCP and UDP to one port number. TCP goes first: a busy machine has thousands of TCP
 * sockets and few UDP ones, so a free TCP port is rarely taken over UDP; a clash tries another.
 */
async function listenOnOnePort(tcp: Server, udp: UdpSocket, host: string, port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    await bind((done) => tcp.listen(port, host, done), tcp);
    const chosen = (tcp.address() as AddressInfo).port;
    try {
      await bind((done) => udp.bind(chosen, host, done), udp);
      return chosen;
    } catch (err) {
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (port !== 0 || attempt >= 20) throw err;
    }
  }
}

/** Runs a listen/bind call and settles on its callback or its first error. */
function bind(start: (done: () => void) => void, emitter: Server | UdpSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    emitter.once('error', onError);
    start(() => {
      emitter.off('error', onError);
      resolve();
    });
  });
}

/** DNS over TCP: each message is prefixed with its 2-byte length (RFC 1035 4.2.2). */
function serveTcp(socket: Socket, answer: (query: Buffer) => Buffer | null): void {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      const reply = answer(buffered.subarray(2, 2 + length));
      buffered = buffered.subarray(2 + length);
      if (reply) socket.write(Buffer.concat([lengthPrefix(reply.length), reply]));
    }
  });
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(length);
  return prefix;
}

/** The reply to one decoded query, or null for no reply at all. */
function respond(query: DecodedPacket, zone: Map<string, DnsZoneEntry>, transport: 'udp' | 'tcp'): Buffer | null {
  const question = query.questions?.[0];
  if (query.type !== 'query' || question === undefined) return null;
  const entry = zone.get(normalize(question.name));
  if (entry?.silent) return null;
  if (transport === 'udp' && entry?.misbehave === 'garbage') return Buffer.from('this is not a DNS message');
  const id = transport === 'udp' && entry?.misbehave === 'wrong-id' ? ((query.id ?? 0) + 1) & 0xffff : (query.id ?? 0);
  const base = { type: 'response' as const, id, questions: [question] };
  // The rcode rides in the low 4 bits of the flags; RD is echoed, RA offered.
  const flags = (code: number, truncated = false) => dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (truncated ? dnsPacket.TRUNCATED_RESPONSE : 0) | code;
  if (entry === undefined) return dnsPacket.encode({ ...base, flags: flags(rcodeValue('NXDOMAIN')) });
  if (entry.rcode !== undefined) return dnsPacket.encode({ ...base, flags: flags(rcodeValue(entry.rcode)) });
  if (transport === 'udp' && entry.misbehave === 'truncated') return dnsPacket.encode({ ...base, flags: flags(0, true) });
  return dnsPacket.encode({ ...base, flags: flags(0), answers: records(question, zone) });
}

/** The records answering `question`, following CNAMEs inside the zone as a recursive resolver would. */
function records(question: Question, zone: Map<string, DnsZoneEntry>): Answer[] {
  const answers: Answer[] = [];
  let name = question.name;
  for (let hop = 0; hop < MAX_CNAME_CHAIN; hop++) {
    const entry = zone.get(normalize(name));
    if (entry === undefined) break;
    const ttl = entry.ttl ?? 60;
    if (entry.CNAME !== undefined && question.type !== 'CNAME') {
      answers.push({ type: 'CNAME', name, ttl, data: entry.CNAME });
      name = entry.CNAME;
      continue;
    }
    answers.push(...recordsOf(name, question.type, entry, ttl));
    break;
  }
  return answers;
}

function recordsOf(name: string, type: Question['type'], entry: DnsZoneEntry, ttl: number): Answer[] {
  switch (type) {
    case 'A':
      return (entry.A ?? []).map((data) => ({ type, name, ttl, data }));
    case 'AAAA':
      return (entry.AAAA ?? []).map((data) => ({ type, name, ttl, data }));
    case 'CNAME':
      return entry.CNAME === undefined ? [] : [{ type, name, ttl, data: entry.CNAME }];
    case 'NS':
      return (entry.NS ?? []).map((data) => ({ type, name, ttl, data }));
    case 'MX':
      return (entry.MX ?? []).map((data) => ({ type, name, ttl, data }));
    case 'TXT':
      return (entry.TXT ?? []).map((data) => ({ type, name, ttl, data }));
    default:
      return [];
  }
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
