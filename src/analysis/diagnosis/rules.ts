// The layer rules as a table: each kind of finding (a fact read from a probe's failures), the
// layer it points to, and what it is consistent with. docs/diagnosis.md has the same table and a
// test keeps the two equal. findings.ts decides which finding a failure is; this table decides
// what it means.
import type { Layer } from './types.js';
import type { ConsistentWithKey } from './vocabulary.js';

export interface LayerRule {
  layer: Layer;
  /** When a failure is this finding (the docs' wording). */
  when: string;
  consistentWith: ConsistentWithKey;
}

export const LAYER_RULES = {
  'dns-not-found': { layer: 'dns', when: 'the name does not exist (NXDOMAIN, ENOTFOUND)', consistentWith: 'dnsRecordMissing' },
  'dns-server-failure': { layer: 'dns', when: "the name's servers failed (SERVFAIL, REFUSED, EAI_AGAIN) or any other dns failure", consistentWith: 'dnsServersFailing' },
  'dns-timeout': { layer: 'dns', when: 'no DNS reply within the timeout', consistentWith: 'dnsServersFailing' },
  'connect-refused': { layer: 'network', when: 'connection refused (at every address: nothing listening)', consistentWith: 'notListening' },
  'connect-unanswered': { layer: 'network', when: 'connect not answered within the timeout, or no route', consistentWith: 'floodOrRouting' },
  'reset-before-response': { layer: 'network', when: 'connection reset or closed before any response', consistentWith: 'connectionsDropped' },
  'tls-certificate': { layer: 'tls', when: 'certificate rejected (expired, wrong host, untrusted)', consistentWith: 'certificateProblem' },
  'tls-expiring': { layer: 'tls', when: 'certificate valid but expiring within `minDaysLeft`', consistentWith: 'certificateExpiring' },
  'tls-handshake': { layer: 'tls', when: 'TLS handshake failed or stalled', consistentWith: 'tlsHandshake' },
  'edge-challenge': { layer: 'edge', when: "an edge's own challenge (cf-mitigated: challenge, x-amzn-waf-action, …)", consistentWith: 'botProtection' },
  'edge-rate-limit': { layer: 'edge', when: '429 from a recognised edge', consistentWith: 'rateLimited' },
  'edge-refusal': { layer: 'edge', when: '401/403 the edge made itself (server: AkamaiGHost, x-cache: Error from cloudfront, …)', consistentWith: 'edgeRefusing' },
  'origin-unreachable-via-edge': { layer: 'origin', when: "an edge's 5xx saying it could not reach or hear from the origin (Cloudflare 520–527, 502/504 with edge headers); the edge is named", consistentWith: 'edgeCannotReachOrigin' },
  'origin-5xx': { layer: 'origin', when: 'any other unexpected 5xx (through an edge or not)', consistentWith: 'applicationFault' },
  'origin-rate-limit': { layer: 'origin', when: '429 with no edge recognised: the service itself turns requests away', consistentWith: 'rateLimited' },
  'origin-no-answer': { layer: 'origin', when: 'connected, then no (complete) answer within the timeout', consistentWith: 'applicationStalled' },
  'origin-cut-off': { layer: 'origin', when: 'the answer was cut off after it began', consistentWith: 'answersCutOff' },
  'origin-malformed': { layer: 'origin', when: 'malformed HTTP or a body over the size limit', consistentWith: 'malformedAnswers' },
  'auth-flow': { layer: 'auth', when: "a flow fails at its credential step or later (any class but dns, connect, tls, slow), the surface's other probes pass, and no edge turned it away", consistentWith: 'signInFault' },
  'content-status': { layer: 'content', when: 'any other unexpected 4xx (a broken link or image, a missing page)', consistentWith: 'contentChanged' },
  'content-check': { layer: 'content', when: 'an assertion, a capture or a redirect problem', consistentWith: 'contentChanged' },
  'slow-samples': { layer: 'latency', when: 'samples slower than `maxLatency` (class slow)', consistentWith: 'slowness' },
  'latency-threshold': { layer: 'latency', when: 'a p95/p99 threshold failed with no failed sample to explain it', consistentWith: 'slowness' },
} as const satisfies Record<string, LayerRule>;

export type FindingKind = keyof typeof LAYER_RULES;

/** Which layer a finding points to. */
export function layerOf(kind: FindingKind): Layer {
  return LAYER_RULES[kind].layer;
}
