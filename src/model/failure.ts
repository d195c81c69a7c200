// Failures are data: one SPEC class plus the structured detail that explains it.
// Only report/ turns a Failure into words; everything else counts and compares the data.
import type { CertificateInfo } from './tls.js';

/** SPEC's failure classes, in SPEC's order of precedence (earlier wins). */
export const FAILURE_CLASSES = [
  'dns',
  'connect',
  'tls',
  'timeout',
  'reset',
  'protocol',
  'redirect',
  'http_5xx',
  'http_4xx',
  'assertion',
  'capture',
  'slow',
] as const;

export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** Where in an exchange something went wrong; a timeout names the phase it ran out in. */
export type Phase = 'dns' | 'connect' | 'tls' | 'ttfb' | 'body';

export type Failure =
  | { class: 'dns'; code: string; host: string; server?: string }
  | { class: 'connect'; code: string; timedOut: boolean; address?: string; proxy?: string; proxyStatus?: number }
  | { class: 'tls'; code: string; reason: string; certificate?: CertificateInfo }
  | { class: 'timeout'; phase: Phase; afterMs: number }
  | { class: 'reset'; phase: Phase; code: string }
  | {
      class: 'protocol';
      reason: 'malformed' | 'body-too-large' | 'missing-location' | 'decoded-too-large' | 'undecodable';
      code?: string;
      limitBytes?: number;
      /** The Content-Encoding, for a body that could not be decoded or decoded past the limit. */
      encoding?: string;
      /** The setting that raises the limit, when it is not `maxBodySize` (a links probe's page). */
      limitField?: string;
    }
  | { class: 'redirect'; reason: 'loop' | 'too-many' | 'scheme' | 'invalid-location'; location: string; maxRedirects?: number }
  | { class: 'http_5xx' | 'http_4xx'; status: number; statusText: string; retryAfter?: string; excerpt?: string }
  | { class: 'assertion'; check: AssertionCheck; target?: string; expected: string; actual: string; excerpt?: string }
  | { class: 'capture'; name: string; source: CaptureFailureSource; expression: string }
  | { class: 'slow'; latencyMs: number; limitMs: number };

/**
 * Where a flow step looked for a capture (regex, json, header, cookie; `expression` is the
 * pattern, path or name), or `url`: a captured value that makes the step's url (`expression`) invalid.
 */
export type CaptureFailureSource = 'regex' | 'json' | 'header' | 'cookie' | 'url';

export type AssertionCheck = 'status' | 'body' | 'json' | 'header' | 'finalUrl' | 'certificate';

/** A failure located in a sample: which URL, which flow step, which redirect chain. */
export interface SampleFailure {
  failure: Failure;
  url: string;
  step: string | null;
  hops?: Hop[];
}

/** One request of a redirect chain, as a links probe reports it. */
export interface Hop {
  url: string;
  status: number | null;
  ms: number;
}

/** Orders failures by SPEC precedence, so a sample with several problems reports the first. */
export function precedence(cls: FailureClass): number {
  return FAILURE_CLASSES.indexOf(cls);
}

/**
 * The part of a failure that identifies "the same problem" across samples. Measured numbers
 * (how long, which latency) are left out so that 20 identical timeouts count as one error line.
 */
export function failureKey(f: SampleFailure): string {
  const { failure } = f;
  let detail: string;
  switch (failure.class) {
    case 'timeout':
      detail = failure.phase;
      break;
    case 'slow':
      detail = String(failure.limitMs);
      break;
    case 'assertion':
      detail = `${failure.check}|${failure.target ?? ''}|${failure.expected}|${failure.actual}`;
      break;
    case 'http_5xx':
    case 'http_4xx':
      // Not the body excerpt: a page that names a request id would make every sample its own error.
      detail = `${failure.status}|${failure.statusText}|${failure.retryAfter ?? ''}`;
      break;
    default:
      detail = JSON.stringify(failure);
  }
  return `${failure.class}|${f.step ?? ''}|${f.url}|${detail}`;
}
