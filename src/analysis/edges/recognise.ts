// Reads one response's headers against the provider table: which edge, which PoP, and whether
// the edge made the answer itself. Unknown headers make no claim.
import type { EdgeHeaders } from '../../model/evidence.js';
import { EDGE_PROVIDERS, type EdgeProvider, type HeaderSign } from './providers.js';

export type { EdgeHeaders } from '../../model/evidence.js';

/** An edge seen on a response. */
export interface EdgeSighting {
  /** The provider row's id: cloudflare, fastly, cloudfront, akamai, upprobe-edge, proxy. */
  provider: string;
  /** For people: "Cloudflare", or for a generic proxy what its `via` calls itself. */
  name: string;
  /** Point of presence when a header carries it (AMS, FRA56-P5), else null. */
  pop: string | null;
  /** The edge's cache verdict (HIT, MISS, DYNAMIC …), else null. */
  cache: string | null;
  /** The edge answered with a challenge page instead of the content. */
  challenge: boolean;
  /** The edge made this answer itself (its own error page). */
  generated: boolean;
}

/** 502 and 504 from any recognised edge mean "the origin did not answer it properly" (RFC 9110 15.6.3, 15.6.5). */
const GATEWAY_STATUSES: readonly number[] = [502, 504];

/** Longest PoP or name kept from a header: servers choose these strings. */
const MAX_LABEL = 40;

function matches(headers: EdgeHeaders, sign: HeaderSign): boolean {
  const value = headers[sign.header];
  return value !== undefined && (sign.matches === undefined || sign.matches.test(value));
}

function label(value: string): string {
  // Printable ASCII only: this text reaches terminals and reports.
  return value.replace(/[^\x20-\x7e]/g, '?').trim().slice(0, MAX_LABEL);
}

function popOf(provider: EdgeProvider, headers: EdgeHeaders): string | null {
  if (!provider.pop) return null;
  const value = headers[provider.pop.header];
  if (value === undefined) return null;
  if (!provider.pop.pattern) return label(value) || null;
  const found = provider.pop.pattern.exec(value)?.[1];
  return found === undefined ? null : label(found).toUpperCase();
}

/** What a `via` chain calls its last proxy (RFC 9110: `1.1 name (comment)`), for the generic row. */
function viaName(via: string): string {
  const last = via.split(',').pop() ?? '';
  const pseudonym = last.trim().split(/\s+/)[1];
  return pseudonym ? `a proxy (via ${label(pseudonym)})` : 'a proxy';
}

/** The edge these headers show, or null when no row recognises them. */
export function recogniseEdge(headers: EdgeHeaders): EdgeSighting | null {
  const provider = EDGE_PROVIDERS.find((p) => p.recognisedBy.some((sign) => matches(headers, sign)));
  if (!provider) return null;
  const cache = provider.cache === undefined ? undefined : headers[provider.cache];
  return {
    provider: provider.id,
    name: provider.id === 'proxy' ? viaName(headers.via ?? '') : provider.name,
    pop: popOf(provider, headers),
    cache: cache === undefined ? null : label(cache),
    challenge: (provider.challenge ?? []).some((sign) => matches(headers, sign)),
    generated: (provider.generatedBy ?? []).some((sign) => matches(headers, sign)),
  };
}

/** True when `status`, answered by this edge, means it could not reach or hear from the origin. */
export function isOriginUnreachable(edge: EdgeSighting, status: number): boolean {
  if (GATEWAY_STATUSES.includes(status)) return true;
  const provider = EDGE_PROVIDERS.find((p) => p.id === edge.provider);
  return provider?.originUnreachable?.includes(status) ?? false;
}

/** "Cloudflare (AMS)": the edge as evidence sentences name it. */
export function describeEdge(edge: EdgeSighting): string {
  return edge.pop === null ? edge.name : `${edge.name} (${edge.pop})`;
}
