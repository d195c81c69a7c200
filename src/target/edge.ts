// The built-in target is an edge in front of an origin, as most large sites are: every answer
// carries the edge's headers (recognised by the `upprobe-edge` row of src/analysis/edges), and
// some scenarios have the edge answer by itself: a challenge, a rate limit, "origin down".
import { htmlResponse, type TargetResponse } from './response.js';

/** The edge's point of presence: loopback 1. */
export const EDGE_POP = 'LO1';

/** On every answer, passed on from the origin or made by the edge. */
export const EDGE_HEADERS: Readonly<Record<string, string>> = {
  server: 'upprobe-edge',
  via: '1.1 upprobe-edge',
  'x-upprobe-pop': EDGE_POP,
};

/** Marks an answer the edge made itself, as CloudFront's `x-cache: Error from cloudfront` does. */
const GENERATED = { 'x-upprobe-generated': 'edge' } as const;

/** Seconds a rate-limited client is asked to wait. */
export const RATE_LIMIT_RETRY_AFTER_S = 30;

/** Bot protection: a 403 challenge page instead of the content (Cloudflare's `cf-mitigated: challenge`). */
export function edgeChallenge(): TargetResponse {
  const body = '<!doctype html>\n<html><head><title>Just a moment…</title></head>\n<body><h1>Checking your browser</h1><noscript>Enable JavaScript to continue.</noscript></body></html>\n';
  return { ...htmlResponse(403, body), headers: { ...GENERATED, 'x-upprobe-mitigated': 'challenge' } };
}

/** The edge's rate limiter turns the request away. */
export function edgeRateLimited(): TargetResponse {
  return {
    status: 429,
    contentType: 'text/plain; charset=utf-8',
    body: 'rate limited at the edge\n',
    headers: { ...GENERATED, 'retry-after': String(RATE_LIMIT_RETRY_AFTER_S) },
  };
}

/** The edge could not connect to the origin: 521, as Cloudflare answers "web server is down". */
export function edgeOriginDown(): TargetResponse {
  const body = '<!doctype html>\n<html><head><title>521: Web server is down</title></head>\n<body><h1>Web server is down</h1><p>The edge could not connect to the origin.</p></body></html>\n';
  return { ...htmlResponse(521, body), statusText: 'Web Server Is Down', headers: { ...GENERATED } };
}
