// The resolved configuration: what the loader hands the runners after validation, defaults and
// interpolation. Durations are milliseconds, rates are fractions, sizes are bytes.

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
  | { op: 'matches'; value: RegExp }
  | { op: 'exists'; value: boolean };

export interface Expectations {
  status?: StatusMatcher;
  maxLatencyMs?: number;
  body?: { contains?: string; matches?: RegExp };
  json?: { path: string; check: ValueCheck }[];
  headers?: { name: string; check: ValueCheck }[];
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

export type ProbeConfig = HttpProbe;

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
