// The only place a Failure becomes words. Messages are for people: do not parse them
// (scripts read `class` and the JSON fields instead).
import type { Failure, Hop, Phase } from '../model/failure.js';
import { withoutControls } from '../model/server-text.js';

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
  // Only through a proxy: its name did not resolve (the target's own name failing is class dns).
  ENOTFOUND: 'name not resolved',
  PROXY_CONNECT_REFUSED: 'tunnel refused',
};

/**
 * `origin` shortens URLs on that origin to their path (the table's link rows: the link names it
 * already). Whatever a server put in the failure reaches a person without control characters.
 */
export function describeFailure(f: Failure, origin?: string, withExcerpt = true): string {
  return withoutControls(describeUnsafe(f, origin) + (withExcerpt ? describeExcerpt(f) : ''));
}

/** ` · body: …` for a failure that kept the start of its body, else nothing. */
export function describeExcerpt(f: Failure): string {
  const excerpt = f.class === 'http_5xx' || f.class === 'http_4xx' || f.class === 'assertion' ? f.excerpt : undefined;
  return excerpt ? withoutControls(` · body: ${excerpt}`) : '';
}

function describeUnsafe(f: Failure, origin?: string): string {
  switch (f.class) {
    case 'dns': {
      const at = f.server ? ` at ${f.server}` : '';
      return f.code === 'ETIMEOUT' ? `${f.host} did not resolve${at} within the timeout` : `could not resolve ${f.host}${at} (${f.code})`;
    }
    case 'connect':
      return describeConnect(f);
    case 'tls':
      // A certificate that is valid but expires too soon: the handshake itself went fine.
      if (f.code === 'CERT_EXPIRES_SOON') return f.reason;
      return `TLS handshake failed: ${f.reason}${f.reason.includes(f.code) ? '' : ` (${f.code})`}`;
    case 'timeout':
      return `timed out after ${formatMs(f.afterMs)} ${PHASE_WORDS[f.phase]} (phase ${f.phase})`;
    case 'reset':
      return `connection closed ${PHASE_WORDS[f.phase]} (${f.code})`;
    case 'protocol':
      if (f.limitField) {
        const decoded = f.reason === 'decoded-too-large' ? ` once decoded (${f.encoding ?? 'compressed'})` : '';
        return `the page is larger than ${formatBytes(f.limitBytes ?? 0)}${decoded}, the most it is read to find links: raise ${f.limitField}`;
      }
      if (f.reason === 'body-too-large') return `body larger than the ${formatBytes(f.limitBytes ?? 0)} limit (maxBodySize)`;
      if (f.reason === 'missing-location') return 'redirect status without a Location header';
      if (f.reason === 'decoded-too-large') return `${f.encoding ?? 'compressed'} body decodes to more than the ${formatBytes(f.limitBytes ?? 0)} limit (maxBodySize)`;
      if (f.reason === 'undecodable') return `body could not be decoded as Content-Encoding ${f.encoding ?? '?'}${f.code ? ` (${f.code})` : ''}`;
      return `malformed HTTP response${f.code ? ` (${f.code})` : ''}`;
    case 'redirect': {
      const location = origin !== undefined ? onOrigin(f.location, origin) : f.location;
      if (f.reason === 'loop') return `redirect loop back to ${location}`;
      if (f.reason === 'invalid-location') return `redirect to something that is not a URL: ${f.location}`;
      if (f.reason === 'too-many') return `more than ${f.maxRedirects ?? 0} redirects (maxRedirects), next: ${location}`;
      return `redirect to a scheme other than http/https: ${f.location}`;
    }
    case 'http_5xx':
    case 'http_4xx':
      return `${f.status} ${f.statusText}`.trim() + (f.retryAfter ? ` (Retry-After: ${f.retryAfter})` : '');
    case 'assertion':
      return `${f.check}${f.target ? ` ${f.target}` : ''}: expected ${f.expected}, got ${f.actual}`;
    case 'capture':
      return describeCapture(f);
    case 'slow':
      return `took ${formatMs(f.latencyMs)}, over maxLatency ${formatMs(f.limitMs)}`;
  }
}

/** Which address (or proxy) could not be reached, and how. */
function describeConnect(f: Extract<Failure, { class: 'connect' }>): string {
  const what = f.proxyStatus !== undefined
    ? `proxy answered ${f.proxyStatus} to CONNECT`
    : f.timedOut
      ? 'connection not accepted within the timeout'
      : `${CONNECT_WORDS[f.code] ?? 'could not connect'} (${f.code})`;
  const where = [f.proxy ? `proxy ${f.proxy}` : '', f.address && f.proxyStatus === undefined ? f.address : ''].filter(Boolean).join(' at ');
  return where ? `${what}: ${where}` : what;
}

/**
 * A redirect chain hop by hop: "/t/abc 301 1.2ms → /status/9 404 0.8ms". URLs on the chain's
 * first origin show as paths; a hop that got no response shows "—" for its status.
 */
export function describeChain(hops: readonly Hop[]): string {
  const origin = hops[0] && URL.canParse(hops[0].url) ? new URL(hops[0].url).origin : '';
  return hops.map((hop) => `${onOrigin(hop.url, origin)} ${hop.status ?? '—'} ${formatMs(hop.ms)}`).join(' → ');
}

/** A URL on `origin` as its path and query; any other URL whole. */
function onOrigin(href: string, origin: string): string {
  const url = URL.canParse(href) ? new URL(href) : null;
  return url && url.origin === origin ? url.pathname + url.search : href;
}

function describeCapture(f: Extract<Failure, { class: 'capture' }>): string {
  const name = JSON.stringify(f.name);
  switch (f.source) {
    case 'regex':
      return `capture ${name} found nothing: /${f.expression}/ did not match the body`;
    case 'json':
      return `capture ${name} found nothing: no ${f.expression} in the JSON body`;
    case 'header':
      return `capture ${name} found nothing: no ${f.expression} header`;
    case 'cookie':
      return `capture ${name} found nothing: no cookie ${f.expression} in the jar`;
    case 'url':
      return `capture ${name} does not fit in the url ${f.expression}`;
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
