// The only place a Failure becomes words. Messages are for people: do not parse them
// (scripts read `class` and the JSON fields instead).
import type { Failure, Phase } from '../model/failure.js';

const PHASE_WORDS: Record<Phase, string> = {
  dns: 'resolving the host name',
  connect: 'connecting',
  tls: 'in the TLS handshake',
  ttfb: 'waiting for response headers',
  body: 'reading the body',
};

const CONNECT_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

export function describeFailure(f: Failure): string {
  switch (f.class) {
    case 'dns':
      return f.code === 'ETIMEOUT' ? `${f.host} did not resolve within the timeout` : `could not resolve ${f.host} (${f.code})`;
    case 'connect':
      return f.timedOut ? 'connection not accepted within the timeout' : `${CONNECT_WORDS[f.code] ?? 'could not connect'} (${f.code})`;
    case 'tls':
      return `TLS handshake failed: ${f.reason}${f.reason.includes(f.code) ? '' : ` (${f.code})`}`;
    case 'timeout':
      return `timed out after ${formatMs(f.afterMs)} ${PHASE_WORDS[f.phase]} (phase ${f.phase})`;
    case 'reset':
      return `connection closed ${PHASE_WORDS[f.phase]} (${f.code})`;
    case 'protocol':
      if (f.reason === 'body-too-large') return `body larger than the ${formatBytes(f.limitBytes ?? 0)} limit (maxBodySize)`;
      if (f.reason === 'missing-location') return 'redirect status without a Location header';
      return `malformed HTTP response${f.code ? ` (${f.code})` : ''}`;
    case 'redirect':
      if (f.reason === 'loop') return `redirect loop back to ${f.location}`;
      if (f.reason === 'invalid-location') return `redirect to something that is not a URL: ${f.location}`;
      if (f.reason === 'too-many') return `more than ${f.maxRedirects ?? 0} redirects (maxRedirects), next: ${f.location}`;
      return `redirect to a scheme other than http/https: ${f.location}`;
    case 'http_5xx':
    case 'http_4xx':
      return `${f.status} ${f.statusText}`.trim() + (f.retryAfter ? ` (Retry-After: ${f.retryAfter})` : '');
    case 'assertion':
      return `${f.check}${f.target ? ` ${f.target}` : ''}: expected ${f.expected}, got ${f.actual}`;
    case 'capture':
      return `capture "${f.name}" found nothing (${f.source})`;
    case 'slow':
      return `took ${formatMs(f.latencyMs)}, over maxLatency ${formatMs(f.limitMs)}`;
  }
}

/** 0.4ms, 12ms, 1.25s: short enough for a table cell. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${Math.round(ms * 10) / 10}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Math.round(ms / 10) / 100}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
