// Resolved building blocks every probe kind shares (requests, expectations, retries) and the flags
// that override the file. Durations are milliseconds, rates are fractions, sizes are bytes.
// Each kind's own config is in its folder (src/probes/<kind>/schema.ts).
import type { Surface } from '../model/surface.js';
import type { Pattern } from './pattern.js';
import type { TransportOptions } from '../http/transport.js';

/** What a request takes from SPEC's "Reaching real services" fields (config/reach.ts resolves them). */
export interface ReachSpec {
  transport: TransportOptions;
  decompress: boolean;
  basicAuth?: { user: string; password: string };
}

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
  /** Proxy, HTTP/2, CA and client certificate, names, compression, Basic auth (SPEC "Reaching real services"). */
  reach: ReachSpec;
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
  body?: { contains?: string; matches?: Pattern; notContains?: string; notMatches?: Pattern };
  json?: { path: string; check: ValueCheck }[];
  headers?: { name: string; check: ValueCheck }[];
  /** Where the redirect chain must end (links probes): checked against the absolute final URL. */
  finalUrl?: ValueCheck;
  /** On https: the leaf certificate must be valid this many more days (fails as `tls`). */
  certificate?: { minDaysLeft: number };
}

/** Tries a failed sample again: one that then passes counts as passed, and as flaky. */
export interface RetryPolicy {
  /** Extra attempts after the first (0: none). */
  retries: number;
  /** Pause before each retry, in milliseconds. */
  delayMs: number;
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

/** One entry of `controls:`: an endpoint that tests the prober's own network (docs/diagnosis.md). */
export interface ControlSpec {
  /** Absolute http(s) URL, interpolated. */
  url: string;
  timeoutMs: number;
  headers: Record<string, string>;
}
