// Reads one probe's failures as findings: every failed sample becomes exactly one finding kind of
// rules.ts, refined by the probe's evidence (statuses with edge headers, connect outcomes, flow steps).
import type { FailureClass } from '../../model/failure.js';
import { isOriginUnreachable, recogniseEdge, type EdgeSighting } from '../edges/index.js';
import type { StatusEvidence } from '../../model/evidence.js';
import type { FindingKind } from './rules.js';
import type { ProbeFacts } from './types.js';

/** A number of failed samples of one probe that mean the same thing. */
export interface Finding {
  kind: FindingKind;
  probeId: string;
  count: number;
  /** Findings read from an HTTP answer. */
  answer?: { status: number; statusText: string; p50Ms: number | null; edge: EdgeSighting | null; retryAfter: string | null };
  /** auth-flow: the step the flow failed at (or the credential step when several). */
  step?: string;
  /** content-check: which class. */
  failureClass?: FailureClass;
  /** latency-threshold: the failed limit. */
  threshold?: { name: string; limit: number; actual: number | null };
  /** Network findings: the addresses that answered and failed on this probe. */
  addresses?: { answered: string[]; failed: string[] };
}

/** Classes that say where a flow failed on the wire, not in signing in: they keep their own layer. */
const NOT_AUTH: readonly FailureClass[] = ['dns', 'connect', 'tls', 'slow'];

type Budget = Partial<Record<FailureClass, number>>;

function statusKind(entry: StatusEvidence, edge: EdgeSighting | null): FindingKind {
  if (edge?.challenge) return 'edge-challenge';
  if (entry.class === 'http_5xx') return edge && isOriginUnreachable(edge, entry.status) ? 'origin-unreachable-via-edge' : 'origin-5xx';
  if (entry.class !== 'http_4xx') return 'content-check';
  if (entry.status === 429) return edge ? 'edge-rate-limit' : 'origin-rate-limit';
  if ((entry.status === 401 || entry.status === 403) && edge?.generated) return 'edge-refusal';
  return 'content-status';
}

/** Every failed sample of `facts` as findings; `othersPassed`: the surface's other probes all passed. */
export function findingsOf(facts: ProbeFacts, othersPassed: boolean): Finding[] {
  // Most probes pass: nothing to find, and nothing allocated for them.
  if (facts.failedThresholds.length === 0 && Object.keys(facts.failuresByClass).length === 0) return [];
  const { evidence } = facts;
  const budget: Budget = { ...facts.failuresByClass };
  const findings: Finding[] = [];
  const probeId = facts.probe.id;

  // Takes up to n samples of class cls as this finding; counts never exceed the class's own.
  function take(cls: FailureClass, kind: FindingKind, n: number, extra: Partial<Finding> = {}): void {
    const count = Math.min(n, budget[cls] ?? 0);
    if (count <= 0) return;
    budget[cls] = (budget[cls] ?? 0) - count;
    const same = findings.find((f) => f.kind === kind && f.answer === undefined && extra.answer === undefined && f.step === extra.step && f.failureClass === extra.failureClass);
    if (same) same.count += count;
    else findings.push({ kind, probeId, count, ...extra });
  }
  const rest = (cls: FailureClass) => budget[cls] ?? 0;

  const answers = evidence.statuses.map((entry) => {
    const edge = recogniseEdge(entry.edgeHeaders);
    return { entry, edge, kind: statusKind(entry, edge) };
  });
  const edgeTurnedAway = answers.some((a) => a.kind.startsWith('edge-'));

  // auth: a flow failing at the step that sends its credentials, or later, while the rest of its surface works.
  const flow = evidence.flow;
  if (flow && flow.credentialStep !== null && othersPassed && !edgeTurnedAway) {
    flow.steps.forEach((step, index) => {
      if (index < (flow.credentialStep ?? Infinity)) return;
      for (const [cls, n] of Object.entries(step.failuresByClass) as [FailureClass, number][]) {
        if (!NOT_AUTH.includes(cls)) take(cls, 'auth-flow', n, { step: step.id });
      }
    });
  }

  for (const { entry, edge, kind } of answers) {
    const retryAfter = entry.edgeHeaders['retry-after'] ?? null;
    const extra: Partial<Finding> = { answer: { status: entry.status, statusText: entry.statusText, p50Ms: entry.p50Ms, edge, retryAfter } };
    take(entry.class, kind, entry.count, kind === 'content-check' ? { ...extra, failureClass: entry.class } : extra);
  }

  const addresses = evidence.addresses;
  take('dns', 'dns-not-found', evidence.dns.notFound);
  take('dns', 'dns-timeout', evidence.dns.timedOut);
  take('dns', 'dns-server-failure', rest('dns'));
  take('connect', 'connect-refused', evidence.connect.refused, { addresses });
  take('connect', 'connect-unanswered', rest('connect'), { addresses });
  take('reset', 'reset-before-response', evidence.resets.beforeResponse, { addresses });
  take('reset', 'origin-cut-off', rest('reset'));
  take('tls', 'tls-certificate', evidence.tls.certificate);
  take('tls', 'tls-expiring', evidence.tls.expiringSoon);
  take('tls', 'tls-handshake', rest('tls'));
  take('timeout', 'tls-handshake', evidence.timeouts.handshake);
  take('timeout', 'origin-no-answer', rest('timeout'));
  take('protocol', 'origin-malformed', rest('protocol'));
  take('http_5xx', 'origin-5xx', rest('http_5xx'));
  take('http_4xx', 'content-status', rest('http_4xx'));
  for (const cls of ['assertion', 'capture', 'redirect'] as const) take(cls, 'content-check', rest(cls), { failureClass: cls });
  take('slow', 'slow-samples', rest('slow'));

  // A latency threshold failed with no failed sample behind it: the tail is slow, nothing broke.
  if (findings.length === 0) {
    for (const threshold of facts.failedThresholds) {
      if (threshold.name !== 'successRate') findings.push({ kind: 'latency-threshold', probeId, count: 0, threshold });
    }
  }
  return findings;
}
