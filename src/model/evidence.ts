// What the diagnosis needs to know about one probe beyond its counts: the evidence its samples
// leave behind, kept per probe in bounded memory (run/evidence-collector.ts fills it).
import type { FailureClass } from './failure.js';

/** Response headers that can identify an edge (CDN, proxy), by lower-case name. */
export type EdgeHeaders = Readonly<Record<string, string>>;

/** Distinct (class, status) pairs kept per probe; more are counted in `otherStatuses`. */
export const MAX_STATUSES = 8;
/** Distinct addresses kept per list. */
export const MAX_ADDRESSES = 8;

/** Failed samples that got an HTTP answer with this status and failed with this class. */
export interface StatusEvidence {
  class: FailureClass;
  status: number;
  statusText: string;
  count: number;
  /** Latency p50 of these answers, ms; null when none was timed. */
  p50Ms: number | null;
  /** EDGE_HEADER_NAMES of the first such answer (may be empty). */
  edgeHeaders: EdgeHeaders;
}

/** How connects failed: the peer said no (RST), nothing answered in time, or there was no route. */
export interface ConnectEvidence {
  refused: number;
  unanswered: number;
  unreachable: number;
}

/** How names failed to resolve. */
export interface DnsEvidence {
  /** NXDOMAIN, ENOTFOUND: the name does not exist (or has no record of that type). */
  notFound: number;
  /** SERVFAIL, EAI_AGAIN, REFUSED: the name's servers could not answer. */
  serverFailure: number;
  /** No reply in time. */
  timedOut: number;
}

/** How TLS failed. */
export interface TlsEvidence {
  /** The certificate was rejected: expired, self-signed, wrong host, untrusted chain. */
  certificate: number;
  /** The certificate was valid but expires sooner than `expect.certificate.minDaysLeft`. */
  expiringSoon: number;
  /** The handshake itself failed or stalled (versions, ciphers, a peer that stops talking). */
  handshake: number;
}

/** A flow's steps in order, and which of them sends credentials. */
export interface FlowEvidence {
  /** Index of the first step sending a credential (a secret in its form or body, auth.basic, URL userinfo); null: none. */
  credentialStep: number | null;
  steps: { id: string; failuresByClass: Partial<Record<FailureClass, number>> }[];
}

/** Everything about one probe's samples that diagnose() reads besides the counts. */
export interface ProbeEvidence {
  statuses: StatusEvidence[];
  /** Failed samples with a status that did not fit in `statuses`. */
  otherStatuses: number;
  connect: ConnectEvidence;
  dns: DnsEvidence;
  tls: TlsEvidence;
  /** Connections reset or closed before any response (network) and after one began (origin). */
  resets: { beforeResponse: number; afterResponse: number };
  /** Timeouts on a connection that was open: in the TLS handshake, or waiting for / reading the answer. */
  timeouts: { handshake: number; answer: number };
  /**
   * Peer addresses that accepted a connection (each sample's, passing or not), and addresses whose
   * connect failed or that reset it before answering. A links probe keeps none: its links go to many hosts.
   */
  addresses: { answered: string[]; failed: string[] };
  /** Edge headers of the first passing answer: the edge in front when things work; null when none passed. */
  passingEdgeHeaders: EdgeHeaders | null;
  /** Flows only. */
  flow: FlowEvidence | null;
}

/** Evidence of a probe that saw nothing yet. */
export function emptyEvidence(): ProbeEvidence {
  return {
    statuses: [],
    otherStatuses: 0,
    connect: { refused: 0, unanswered: 0, unreachable: 0 },
    dns: { notFound: 0, serverFailure: 0, timedOut: 0 },
    tls: { certificate: 0, expiringSoon: 0, handshake: 0 },
    resets: { beforeResponse: 0, afterResponse: 0 },
    timeouts: { handshake: 0, answer: 0 },
    addresses: { answered: [], failed: [] },
    passingEdgeHeaders: null,
    flow: null,
  };
}
