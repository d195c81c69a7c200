// Evidence sentences: each names how many samples, of how many, on which probes, and what was
// seen, in the report's own terms (status codes, classes, p50, addresses), so a person can check it.
import { describeEdge } from '../edges/index.js';
import type { Finding } from './findings.js';

/** Probe ids named per sentence; more are counted. */
const MAX_PROBES_NAMED = 3;
/** Addresses named per sentence. */
const MAX_ADDRESSES_NAMED = 3;

/** Findings that read as one sentence: same kind, same answer, same step or check. */
export function groupKey(f: Finding): string {
  const a = f.answer;
  return [f.kind, a?.status ?? '', a?.edge ? describeEdge(a.edge) : '', f.step ?? '', f.failureClass ?? '', f.threshold?.name ?? '', f.threshold ? f.probeId : ''].join('|');
}

function probesNamed(group: Finding[]): string {
  const ids = [...new Set(group.map((f) => f.probeId))];
  const shown = ids.slice(0, MAX_PROBES_NAMED).join(', ');
  return ids.length > MAX_PROBES_NAMED ? `${shown} and ${ids.length - MAX_PROBES_NAMED} more` : shown;
}

function addressesPhrase(group: Finding[]): string {
  const answered = new Set(group.flatMap((f) => f.addresses?.answered ?? []));
  const failed = [...new Set(group.flatMap((f) => f.addresses?.failed ?? []))].filter((a) => !answered.has(a));
  const named = failed.slice(0, MAX_ADDRESSES_NAMED).join(', ');
  if (failed.length === 0) return '';
  if (answered.size === 0) return ` at every address tried (${named})`;
  return ` at ${failed.length} of ${failed.length + answered.size} addresses (${named})`;
}

function ms(value: number | null): string {
  return value === null ? '' : ` in ${Math.round(value * 10) / 10}ms p50`;
}

/** What the samples of this group saw, after "N of M samples (probes): ". */
function what(first: Finding, group: Finding[], cleanConnects: boolean): string {
  const a = first.answer;
  const status = a ? `${a.status}${a.statusText ? ` ${a.statusText}` : ''}` : '';
  const edge = a?.edge ? describeEdge(a.edge) : '';
  switch (first.kind) {
    case 'dns-not-found':
      return 'the name does not resolve (no such name)';
    case 'dns-server-failure':
      return "the name's DNS servers failed to answer it";
    case 'dns-timeout':
      return 'no DNS reply within the timeout';
    case 'connect-refused':
      return `connection refused${addressesPhrase(group)}`;
    case 'connect-unanswered':
      return `connect not answered within the timeout, or no route${addressesPhrase(group)}`;
    case 'reset-before-response':
      return `connection reset before any response${addressesPhrase(group)}`;
    case 'tls-certificate':
      return 'certificate rejected';
    case 'tls-expiring':
      return 'certificate expires sooner than the minimum days left';
    case 'tls-handshake':
      return 'TLS handshake failed or stalled';
    case 'edge-challenge':
      return `${status}: a challenge from ${edge}`;
    case 'edge-rate-limit':
      return `${status} from ${edge}${a?.retryAfter ? `, retry-after ${a.retryAfter}` : ''}`;
    case 'edge-refusal':
      return `${status} made by ${edge} itself`;
    case 'origin-unreachable-via-edge':
      return `${status} from ${edge}: the edge could not reach or hear from the origin`;
    case 'origin-5xx':
      return `${status}${ms(a?.p50Ms ?? null)}${edge ? ` through ${edge}` : ''}${cleanConnects ? ' after clean connects' : ''}`;
    case 'origin-rate-limit':
      return `${status} from the service itself (no edge recognised)${a?.retryAfter ? `, retry-after ${a.retryAfter}` : ''}`;
    case 'origin-no-answer':
      return 'connected, then no complete answer within the timeout';
    case 'origin-cut-off':
      return 'the answer was cut off after it began';
    case 'origin-malformed':
      return 'malformed HTTP or an oversized body';
    case 'auth-flow':
      return `failed at step ${first.step ?? '?'}, which sends the credentials or follows that step, while the surface's other probes passed`;
    case 'content-status':
      return `${status}${edge ? ` through ${edge}` : ''}`;
    case 'content-check':
      return a ? `answered ${status}, not the status expected` : `failed a check (${first.failureClass ?? 'assertion'})`;
    case 'slow-samples':
      return 'slower than their maxLatency';
    case 'latency-threshold':
      return '';
  }
}

/** One sentence for a group of findings sharing groupKey(); `samples` is the surface's total. */
export function sentence(group: Finding[], samples: number, cleanConnects: boolean): string {
  const first = group[0];
  if (!first) return '';
  if (first.kind === 'latency-threshold' && first.threshold) {
    const { name, limit, actual } = first.threshold;
    return `${first.probeId}: ${name} ${actual === null ? 'not measured' : `${actual}ms`} over its ${limit}ms limit, no sample failed`;
  }
  const count = group.reduce((n, f) => n + f.count, 0);
  return `${count} of ${samples} samples (${probesNamed(group)}): ${what(first, group, cleanConnects)}`;
}
