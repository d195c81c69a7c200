// Gathers a probe's ProbeEvidence sample by sample in bounded memory. Passing samples cost one
// branch (until the first passing answer's edge headers are kept); only failures do real work.
import { emptyEvidence, MAX_ADDRESSES, MAX_STATUSES, type EdgeHeaders, type FlowEvidence, type ProbeEvidence } from '../model/evidence.js';
import type { FailureClass, SampleFailure } from '../model/failure.js';
import { LatencyHistogram } from './latency-histogram.js';

/** What the exchange that ended a sample knew besides its failure; every field optional. */
export interface ExchangeFacts {
  /** The final answer's status, null when none came. */
  status: number | null;
  statusText?: string;
  /** EDGE_HEADER_NAMES of the final answer (the exchange picks them only when asked: see wantsHeaders). */
  edgeHeaders?: EdgeHeaders;
  /** "address:port" the sample's connection reached; a failed connect names its own in the failure. */
  peerAddress?: string | null;
}

const NOT_FOUND = new Set(['ENOTFOUND', 'NXDOMAIN', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA', 'NODATA']);
const DNS_TIMEOUT = new Set(['ETIMEOUT', 'ETIMEDOUT']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
/** Codes a certificate minimum-days check uses (reach's `expect.certificate.minDaysLeft`). */
const EXPIRING = new Set(['CERT_EXPIRES_SOON', 'CERT_DAYS_LEFT']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|DEPTH_ZERO|ALTNAME/;
/** Classes whose answer's status and edge headers are kept. */
const ANSWERED: readonly FailureClass[] = ['http_4xx', 'http_5xx', 'assertion'];

interface StatusBucket {
  class: FailureClass;
  status: number;
  statusText: string;
  count: number;
  latency: LatencyHistogram;
  edgeHeaders: EdgeHeaders;
}

/** The peer never accepted the connection (or dropped it before answering): it did not answer. */
function neverConnected(failure: SampleFailure): boolean {
  const f = failure.failure;
  return f.class === 'connect' || f.class === 'dns' || (f.class === 'reset' && f.phase !== 'body');
}

/** Longest reason phrase kept: servers choose it. */
const MAX_STATUS_TEXT = 60;

/** A server's reason phrase, safe for every report: printable ASCII, bounded. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_STATUS_TEXT);
}

function remember(list: string[], value: string): void {
  if (list.length < MAX_ADDRESSES && !list.includes(value)) list.push(value);
}

/** One per probe; `add` per sample, `evidence()` once at the end. */
export class EvidenceCollector {
  private readonly evidence = emptyEvidence();
  private readonly buckets: StatusBucket[] = [];

  constructor(flow: Pick<FlowEvidence, 'credentialStep'> | null = null) {
    if (flow) this.evidence.flow = { credentialStep: flow.credentialStep, steps: [] };
  }

  /** Whether the exchange should pick edge headers for this sample: failures always, one passing answer. */
  wantsHeaders(failed: boolean): boolean {
    return failed || this.evidence.passingEdgeHeaders === null;
  }

  add(failure: SampleFailure | null, latencyMs: number | null, facts: ExchangeFacts | null): void {
    const e = this.evidence;
    if (failure === null) {
      if (e.passingEdgeHeaders === null && facts?.edgeHeaders) e.passingEdgeHeaders = facts.edgeHeaders;
      if (facts?.peerAddress) remember(e.addresses.answered, facts.peerAddress);
      return;
    }
    const f = failure.failure;
    switch (f.class) {
      case 'dns':
        if (NOT_FOUND.has(f.code)) e.dns.notFound++;
        else if (DNS_TIMEOUT.has(f.code)) e.dns.timedOut++;
        else e.dns.serverFailure++;
        break;
      case 'connect':
        if (f.timedOut) e.connect.unanswered++;
        else if (UNREACHABLE.has(f.code)) e.connect.unreachable++;
        else e.connect.refused++;
        // The addresses a failed connect tried, as the failure names them (happy eyeballs joins
        // several with ", "), one by one.
        for (const tried of (f.address ?? facts?.peerAddress ?? '').split(', ')) if (tried) remember(e.addresses.failed, tried);
        break;
      case 'tls':
        if (EXPIRING.has(f.code)) e.tls.expiringSoon++;
        else if (CERTIFICATE.test(f.code)) e.tls.certificate++;
        else e.tls.handshake++;
        break;
      case 'reset':
        if (f.phase === 'body') e.resets.afterResponse++;
        else e.resets.beforeResponse++;
        if (f.phase !== 'body' && facts?.peerAddress) remember(e.addresses.failed, facts.peerAddress);
        break;
      case 'timeout':
        if (f.phase === 'tls') e.timeouts.handshake++;
        else e.timeouts.answer++;
        break;
      default:
        break;
    }
    // An assertion is kept with its answer only when it was about the status (a 202 challenge):
    // a body or JSON check that failed says nothing a status would.
    const aboutStatus = f.class !== 'assertion' || f.check === 'status';
    if (ANSWERED.includes(f.class) && aboutStatus && facts?.status != null) this.addAnswer(f.class, facts, latencyMs);
    else if (facts?.peerAddress && !neverConnected(failure)) remember(e.addresses.answered, facts.peerAddress);
  }

  /** A passing sample's peer, after the first passing answer was kept: one short scan of at most MAX_ADDRESSES. */
  answeredBy(peerAddress: string): void {
    remember(this.evidence.addresses.answered, peerAddress);
  }

  /** A flow's per-step failures (from its StepStats at the end of the run). */
  setFlowSteps(steps: FlowEvidence['steps']): void {
    if (this.evidence.flow) this.evidence.flow.steps = steps;
  }

  private addAnswer(cls: FailureClass, facts: ExchangeFacts, latencyMs: number | null): void {
    const status = facts.status ?? 0;
    let bucket = this.buckets.find((b) => b.status === status && b.class === cls);
    if (!bucket) {
      if (this.buckets.length >= MAX_STATUSES) {
        this.evidence.otherStatuses++;
        return;
      }
      bucket = { class: cls, status, statusText: printable(facts.statusText ?? ''), count: 0, latency: new LatencyHistogram(), edgeHeaders: facts.edgeHeaders ?? {} };
      this.buckets.push(bucket);
    }
    bucket.count++;
    if (latencyMs !== null) bucket.latency.record(latencyMs);
    if (facts.peerAddress) remember(this.evidence.addresses.answered, facts.peerAddress);
  }

  /** The evidence so far, as plain data. */
  result(): ProbeEvidence {
    const statuses = this.buckets.map((b) => ({
      class: b.class,
      status: b.status,
      statusText: b.statusText,
      count: b.count,
      p50Ms: b.latency.summary()?.p50 ?? null,
      edgeHeaders: b.edgeHeaders,
    }));
    return { ...this.evidence, statuses, addresses: { answered: [...this.evidence.addresses.answered], failed: [...this.evidence.addresses.failed] } };
  }
}
