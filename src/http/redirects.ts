// A request as a browser makes it: redirects followed hop by hop, each hop measured, with
// loops, over-long chains and non-HTTP schemes caught as `redirect` failures.
import type { Failure, Hop } from '../model/failure.js';
import { addPhases, emptyPhases, roundMs, type PhaseTimings } from '../model/timings.js';
import { basicAuthorization, hasHeader } from './basic-auth.js';
import type { ConnectionPool } from './connections.js';
import { exchange, type ExchangeResponse } from './exchange.js';
import { CREDENTIAL_HEADERS, withoutHeaders } from '../secrets/origin-bound.js';
import type { HttpVersion, TlsInfo } from './transport.js';

export interface FetchRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  followRedirects: boolean;
  maxRedirects: number;
  maxBodySize: number;
  /** Cut bodies at maxBodySize instead of failing (see ExchangeRequest). */
  truncateBody?: boolean;
  /** The whole chain must finish within this (like curl's --max-time). */
  timeoutMs: number;
  /**
   * Headers (lowercased names) dropped on a redirect to another origin besides the credential
   * ones: those holding a secret (secrets/origin-bound.ts).
   */
  originBound?: readonly string[];
  /** Ask for gzip, deflate and br (bodies arriving compressed are decoded either way). */
  decompress?: boolean;
  /** HTTP Basic authentication; `user:pass@` in the URL means the same. */
  basicAuth?: { user: string; password: string };
}

/** Lets a caller (a flow's cookie jar) add headers before each hop and read each response. */
export interface FetchHooks {
  beforeHop?(url: URL, headers: Record<string, string>): Promise<void> | void;
  afterHop?(url: URL, response: ExchangeResponse): Promise<void> | void;
}

interface Chain {
  hops: Hop[];
  timings: PhaseTimings;
  ms: number;
  /** The version of the last response (null when none came). */
  httpVersion: HttpVersion | null;
  /** The chain's last TLS handshake, if any hop had one. */
  tls: TlsInfo | null;
  /** The `address:port` the last hop's connection reached; null when it never connected. */
  peer: string | null;
  /** The last URL requested: where the chain ended or broke. */
  url: URL;
}

export type FetchResult = ({ ok: true; response: ExchangeResponse } | { ok: false; failure: Failure }) & Chain;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Performs a request and, unless told not to, follows its redirects. */
export async function fetchFollowingRedirects(
  pool: ConnectionPool,
  req: FetchRequest,
  hooks: FetchHooks = {},
  interrupt?: AbortSignal,
): Promise<FetchResult> {
  const start = performance.now();
  const deadline = start + req.timeoutMs;
  const hops: Hop[] = [];
  const visited = new Set<string>();
  let timings = emptyPhases();
  let httpVersion: HttpVersion | null = null;
  let tls: TlsInfo | null = null;
  let peer: string | null = null;
  let { url, method, body } = req;
  // Replaced (never changed in place) when a redirect must drop some: no copy needed here.
  let headers = req.headers;
  if (url.username !== '' || url.password !== '' || req.basicAuth || req.decompress) ({ url, headers } = withAuthAndEncoding(req));
  // Field by field, not spread from a shared part: see the note on results in exchange.ts.
  const failed = (failure: Failure): FetchResult => ({ ok: false, failure, hops, timings, ms: performance.now() - start, url, httpVersion, tls, peer });
  const succeeded = (response: ExchangeResponse): FetchResult => ({ ok: true, response, hops, timings, ms: performance.now() - start, url, httpVersion, tls, peer });

  for (;;) {
    visited.add(`${method} ${url.href}`);
    // Only a hook (a flow's cookie jar) writes into a hop's headers; it gets its own copy.
    const hopHeaders = hooks.beforeHop ? { ...headers } : headers;
    await hooks.beforeHop?.(url, hopHeaders);
    const { maxBodySize, truncateBody } = req;
    const result = await exchange(pool, { url, method, headers: hopHeaders, body, maxBodySize, truncateBody, deadline }, interrupt);
    timings = addPhases(timings, result.timings);
    httpVersion = result.httpVersion;
    if (result.tls) tls = result.tls;
    peer = result.peer;
    hops.push({ url: url.href, status: result.ok ? result.response.status : null, ms: roundMs(result.ms) });
    if (!result.ok) return failed(result.failure);

    const { response } = result;
    await hooks.afterHop?.(url, response);
    if (!req.followRedirects || !REDIRECT_STATUSES.has(response.status)) return succeeded(response);

    const location = locationOf(response.headers.location);
    if (location === undefined) return failed({ class: 'protocol', reason: 'missing-location' });
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return failed({ class: 'redirect', reason: 'invalid-location', location });
    }
    next.hash = '';
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return failed({ class: 'redirect', reason: 'scheme', location: next.href });
    }
    if (hops.length > req.maxRedirects) {
      return failed({ class: 'redirect', reason: 'too-many', location: next.href, maxRedirects: req.maxRedirects });
    }
    // 303, and 301/302 after a POST, turn into a GET without a body (what browsers do).
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, ['content-type', 'content-length']);
    }
    if (next.origin !== url.origin) headers = withoutHeaders(headers, [...CREDENTIAL_HEADERS, ...(req.originBound ?? [])]);
    if (visited.has(`${method} ${next.href}`)) {
      return failed({ class: 'redirect', reason: 'loop', location: next.href });
    }
    url = next;
  }
}

/** A header's single value (the first, if a server sent it twice). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The Location as the server meant it: header values arrive as Latin-1, and a Location is UTF-8
 * (as browsers read it), so `/café` is followed as `/caf%C3%A9`, not as mojibake.
 */
function locationOf(value: string | string[] | undefined): string | undefined {
  const raw = headerValue(value);
  if (raw === undefined) return undefined;
  const bytes = Buffer.from(raw, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : raw;
}

/**
 * The first hop's URL without credentials (they must never show in a report) and its headers with
 * Basic authentication (from `basicAuth`, else from the URL, as curl does) and Accept-Encoding.
 * A header the probe sets itself wins.
 */
function withAuthAndEncoding(req: FetchRequest): { url: URL; headers: Record<string, string> } {
  const headers = { ...req.headers };
  const url = new URL(req.url);
  const credentials = req.basicAuth ?? (url.username !== '' || url.password !== '' ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null);
  url.username = '';
  url.password = '';
  if (credentials && !hasHeader(headers, 'authorization')) headers['authorization'] = basicAuthorization(credentials.user, credentials.password);
  if (req.decompress && !hasHeader(headers, 'accept-encoding')) headers['accept-encoding'] = 'gzip, deflate, br';
  return { url, headers };
}
