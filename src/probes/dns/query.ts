// One DNS query to a given server, or to the system's first resolver, within a deadline: the unit
// a dns probe's sample is made of. Truncated UDP answers are asked again over TCP.
import { randomInt } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet } from 'dns-packet';
import type { Failure } from '../../model/failure.js';
import { answerText, fullyQualified } from './answer-text.js';
import { exchangeTcp, exchangeUdp, type ExchangeOutcome } from './exchange.js';
import { rcodeName, type DnsRecordType } from './record-types.js';
import { formatDnsServer, parseDnsServer, systemDnsServer, type DnsServerAddress } from './server-address.js';

export interface DnsQueryOptions {
  name: string;
  type: DnsRecordType;
  /** `host[:port]` (SPEC) or a parsed address; absent: the system's first resolver. */
  server?: string | DnsServerAddress;
  timeoutMs: number;
  /** The run's interruption: the query rejects with its reason. */
  signal?: AbortSignal;
}

/** What the server answered. */
export interface DnsReply {
  rcode: string;
  /** Records of the asked type, as text (answer-text.ts); CNAMEs on the way are in `aliases`. */
  answers: string[];
  aliases: string[];
  /** The TC flag was set and no complete answer came over TCP: `answers` may be incomplete. */
  truncated: boolean;
  transport: 'udp' | 'tcp';
}

export type DnsFailure = Extract<Failure, { class: 'dns' }>;

export type DnsQueryResult =
  | { server: string; latencyMs: number; reply: DnsReply; failure: null }
  | { server: string | null; latencyMs: null; reply: null; failure: DnsFailure };

/**
 * Failure codes besides socket errno codes (ECONNREFUSED: the port is closed): ETIMEOUT (no reply
 * in time), EBADRESP (only replies that were not DNS or answered another query), ENOSERVER (the
 * system has no resolver), EBADSERVER (`server` is not host[:port]).
 */
export async function queryDns(options: DnsQueryOptions): Promise<DnsQueryResult> {
  const deadline = performance.now() + options.timeoutMs;
  const fail = (code: string, server: string | null = null): DnsQueryResult => ({
    server,
    latencyMs: null,
    reply: null,
    failure: { class: 'dns', code, host: options.name },
  });

  const given = typeof options.server === 'string' ? parseDnsServer(options.server) : (options.server ?? systemDnsServer());
  if (given === null) return fail(options.server === undefined ? 'ENOSERVER' : 'EBADSERVER');
  const server = await serverAddress(given, deadline, options.signal);
  if ('code' in server) return fail(server.code, formatDnsServer(given));
  const label = formatDnsServer(server);

  const query: Packet = {
    type: 'query',
    id: randomInt(0, 0x10000),
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: options.type, name: options.name.replace(/\.$/, '') }],
  };
  const sentAt = performance.now();
  let outcome = await exchangeUdp({ server, query, deadline, ...signalOf(options) });
  let transport: DnsReply['transport'] = 'udp';
  let truncated = false;
  if (outcome.kind === 'reply' && outcome.packet.flag_tc) {
    const overTcp = await exchangeTcp({ server, query, deadline, ...signalOf(options) });
    if (overTcp.kind === 'reply') [outcome, transport] = [overTcp, 'tcp'];
    else truncated = true;
  }
  if (outcome.kind !== 'reply') return fail(failureCode(outcome), label);
  return {
    server: label,
    latencyMs: outcome.receivedAt - sentAt,
    reply: { ...readReply(outcome.packet, options.type), truncated, transport },
    failure: null,
  };
}

/** The answers of the asked type as text, and the aliases passed on the way. */
function readReply(packet: DecodedPacket, type: DnsRecordType): Pick<DnsReply, 'rcode' | 'answers' | 'aliases'> {
  const records: Answer[] = packet.answers ?? [];
  const texts = (wanted: string) => records.filter((r) => r.type === wanted).flatMap((r) => answerText(r) ?? []);
  return {
    // dns-packet decodes the header's rcode but its types do not declare it; the flags carry it too.
    rcode: rcodeName((packet.flags ?? 0) & 0xf),
    answers: texts(type),
    aliases: type === 'CNAME' ? [] : records.filter((r) => r.type === 'CNAME').map((r) => fullyQualified(r.name)),
  };
}

function failureCode(outcome: Exclude<ExchangeOutcome, { kind: 'reply' }>): string {
  if (outcome.kind === 'error') return outcome.code;
  return outcome.unusableReplies > 0 ? 'EBADRESP' : 'ETIMEOUT';
}

/** A server given by name is looked up by the system first (within the same deadline). */
async function serverAddress(server: DnsServerAddress, deadline: number, signal: AbortSignal | undefined): Promise<DnsServerAddress | { code: string }> {
  if (isIP(server.host) !== 0) return server;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ code: string }>((resolve) => {
    timer = setTimeout(() => resolve({ code: 'ETIMEOUT' }), Math.max(0, deadline - performance.now()));
  });
  const found = lookup(server.host).then(
    ({ address }) => ({ host: address, port: server.port }),
    (err: NodeJS.ErrnoException) => ({ code: err.code ?? 'ENOTFOUND' }),
  );
  try {
    signal?.throwIfAborted();
    return await Promise.race([found, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function signalOf(options: DnsQueryOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}
