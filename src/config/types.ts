// The resolved configuration: what the loader hands the runners after validation, defaults and
// interpolation. Durations are milliseconds, rates are fractions, sizes are bytes.
import type { Pattern } from './pattern.js';

export type Surface = 'api' | 'web';
export const SURFACES: readonly Surface[] = ['api', 'web'];

export type ProbeKind = 'http' | 'flow' | 'links';

export type RequestBody =
  | { type: 'raw'; text: string }
  | { type: 'json'; value: unknown }
  | { type: 'form'; fields: Record<string, string> };

/** One HTTP request as configured. Strings may still hold `${capture}` references (flows). */
export interface RequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestBody;
  followRedirects: boolean;
  maxRedirects: number;
  timeoutMs: number;
  maxBodySize: number;
  /** Accept any TLS certificate: for staging hosts with self-signed certificates, knowingly. */
  insecure: boolean;
}

/** A status expectation: exact codes and/or classes like "2xx" (stored as 2). */
export interface StatusMatcher {
  codes: number[];
  classes: number[];
}

/** A check on a piece of text (a header value, a JSON string). */
export type ValueCheck =
  | { op: 'equals'; value: unknown }
  | { op: 'contains'; value: string }
  | { op: 'matches'; value: Pattern }
  | { op: 'exists'; value: boolean };

export interface Expectations {
  status?: StatusMatcher;
  maxLatencyMs?: number;
  body?: { contains?: string; matches?: Pattern };
  json?: { path: string; check: ValueCheck }[];
  headers?: { name: string; check: ValueCheck }[];
  /** Where the redirect chain must end (links probes): checked against the absolute final URL. */
  finalUrl?: ValueCheck;
}

export interface Thresholds {
  /** Fraction 0..1 of samples that must pass. */
  successRate?: number;
  p95Ms?: number;
  p99Ms?: number;
}

/** Tries a failed sample again: one that then passes counts as passed, and as flaky. */
export interface RetryPolicy {
  /** Extra attempts after the first (0: none). */
  retries: number;
  /** Pause before each retry, in milliseconds. */
  delayMs: number;
}

interface ProbeBase {
  id: string;
  surface: Surface;
  tags: string[];
  samples: number;
  thresholds: Thresholds;
  retry: RetryPolicy;
}

export interface HttpProbe extends ProbeBase {
  kind: 'http';
  request: RequestSpec;
  expect: Expectations;
  /** Keep connections open between samples (what a returning visitor costs) instead of a fresh one each. */
  reuseConnections: boolean;
}

/** The elements a links probe reads references from: a[href], img[src|srcset], script[src], link[href]. */
export type LinkElement = 'a' | 'img' | 'script' | 'link';
export const LINK_ELEMENTS: readonly LinkElement[] = ['a', 'img', 'script', 'link'];

/** Where a links probe gets its links: listed, found in a page, or both. */
export interface LinkSources {
  /** Absolute URLs, in the order written. */
  urls: string[];
  fromPage: { url: string; select: LinkElement[] } | null;
  /** Links checked at most; more found are counted as `overLimit`, not checked. */
  limit: number;
}

/**
 * A links probe: each link is one sample, requested as a browser would (GET, redirects followed
 * hop by hop); `expect` applies to the end of each chain. The page is loaded once and is not a sample.
 */
export interface LinksProbe extends ProbeBase {
  kind: 'links';
  links: LinkSources;
  headers: Record<string, string>;
  maxRedirects: number;
  timeoutMs: number;
  /** Limit for the page that `fromPage` reads; a link check reads only the first few KiB of each body. */
  maxBodySize: number;
  insecure: boolean;
  expect: Expectations;
  /** Links checked at once per host (on top of the global concurrency): politeness towards one server. */
  hostConcurrency: number;
  reuseConnections: boolean;
}

/** Where a flow step reads a value from: the final response's body, headers, or the cookie jar. */
export type CaptureSource =
  | { from: 'regex'; pattern: Pattern }
  | { from: 'json'; path: string }
  | { from: 'header'; name: string }
  | { from: 'cookie'; name: string };

/** `capture: { name: … }` of a flow step: later steps read the value as `${name}`. */
export interface CaptureSpec {
  name: string;
  source: CaptureSource;
  /** The value is redacted from every output, like `${secret.*}` values. */
  secret: boolean;
}

/** One request of a flow; its strings may hold `${capture}` references to earlier steps. */
export interface FlowStep {
  id: string;
  request: RequestSpec;
  expect: Expectations;
  captures: CaptureSpec[];
}

/** A login (or any multi-step) flow: each sample is one person going through every step. */
export interface FlowProbe extends ProbeBase {
  kind: 'flow';
  /** Run in order, each sample with a fresh cookie jar; a failed step skips the rest. */
  steps: FlowStep[];
  reuseConnections: boolean;
}

export type ProbeConfig = HttpProbe | FlowProbe | LinksProbe;

export interface RunConfig {
  /** The path as given on the command line: config errors name it. */
  file: string;
  vantage: string | null;
  concurrency: number;
  probes: ProbeConfig[];
  /** Values that must never reach any output (SPEC: secrets print as ***). */
  secrets: string[];
}

/** Flags that override the file (SPEC: "the flag wins"). */
export interface ConfigOverrides {
  concurrency?: number;
  samples?: number;
  timeoutMs?: number;
  baseUrl?: string;
  vantage?: string;
  only?: string[];
  surface?: Surface;
}
