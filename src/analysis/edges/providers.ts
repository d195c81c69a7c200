// Edge recognition as data: one row per CDN or proxy, each with the vendor page it is taken from.
// Adding a provider is one row here; src/analysis/edges/recognise.ts only reads the rows.

/** A response header whose presence (or value) says something: names are lower case. */
export interface HeaderSign {
  header: string;
  /** The value must match; without it, the header being there is enough. */
  matches?: RegExp;
}

/** What one provider's responses look like, and what its own answers mean. */
export interface EdgeProvider {
  /** Stable identifier, used in tests and in the JSON `edge` evidence. */
  id: string;
  /** How a person calls it: "Cloudflare". */
  name: string;
  /** Any one of these on a response means "this provider answered or passed it on". */
  recognisedBy: HeaderSign[];
  /** Header naming the point of presence; `pattern`'s first group is the PoP, else the whole value. */
  pop?: { header: string; pattern?: RegExp };
  /** Header saying whether the edge's cache answered (HIT, MISS, …). */
  cache?: string;
  /** The edge answered with a challenge (bot check) instead of the page. */
  challenge?: HeaderSign[];
  /** The edge made this answer itself (an error page of its own), rather than passing the origin's on. */
  generatedBy?: HeaderSign[];
  /**
   * Status codes this edge uses for "I could not reach, or get an answer from, the origin",
   * beyond the 502 and 504 every recognised edge means that way.
   */
  originUnreachable?: number[];
}

/**
 * The providers upprobe recognises. Order matters only where two rows could match one response:
 * specific providers come before the generic `via` row, which is last.
 */
export const EDGE_PROVIDERS: readonly EdgeProvider[] = [
  {
    // https://developers.cloudflare.com/fundamentals/reference/http-headers/ (cf-ray: <id>-<IATA PoP>, cf-cache-status)
    // https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response/ (cf-mitigated: challenge)
    // https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/ (520–527)
    id: 'cloudflare',
    name: 'Cloudflare',
    recognisedBy: [{ header: 'cf-ray' }, { header: 'server', matches: /^cloudflare$/i }],
    pop: { header: 'cf-ray', pattern: /-([A-Za-z]{3})$/ },
    cache: 'cf-cache-status',
    challenge: [{ header: 'cf-mitigated', matches: /^challenge$/i }],
    originUnreachable: [520, 521, 522, 523, 524, 525, 526, 527],
  },
  {
    // https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/ (cache-<node>-<PoP>, nearest last)
    // https://www.fastly.com/documentation/reference/http/http-headers/X-Cache/
    id: 'fastly',
    name: 'Fastly',
    recognisedBy: [{ header: 'x-served-by', matches: /(^|,\s*)cache-/ }, { header: 'x-fastly-request-id' }],
    pop: { header: 'x-served-by', pattern: /-([A-Za-z]{3})\s*$/ },
    cache: 'x-cache',
  },
  {
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html (Via, X-Amz-Cf-Id)
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-5xx-errors.html (x-cache: Error from cloudfront)
    // https://docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge-how-it-works.html (x-amzn-waf-action)
    id: 'cloudfront',
    name: 'CloudFront',
    recognisedBy: [
      { header: 'x-amz-cf-pop' },
      { header: 'x-amz-cf-id' },
      { header: 'x-cache', matches: /\bcloudfront\b/i },
      { header: 'via', matches: /\(CloudFront\)|cloudfront\.net/i },
    ],
    pop: { header: 'x-amz-cf-pop' },
    cache: 'x-cache',
    challenge: [{ header: 'x-amzn-waf-action', matches: /^(challenge|captcha)$/i }],
    generatedBy: [{ header: 'x-cache', matches: /^Error from cloudfront$/i }],
  },
  {
    // https://techdocs.akamai.com/property-mgr/docs/akamai-ghost (server: AkamaiGHost on the edge's own answers)
    // https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers (x-akamai-* debug headers)
    id: 'akamai',
    name: 'Akamai',
    recognisedBy: [{ header: 'server', matches: /^AkamaiGHost$/i }, { header: 'x-akamai-request-id' }, { header: 'akamai-grn' }],
    generatedBy: [{ header: 'server', matches: /^AkamaiGHost$/i }],
  },
  {
    // upprobe's own built-in target (src/target/edge.ts): an edge in front of an origin, on loopback.
    id: 'upprobe-edge',
    name: 'upprobe-edge',
    recognisedBy: [{ header: 'server', matches: /^upprobe-edge$/ }],
    pop: { header: 'x-upprobe-pop' },
    cache: 'x-upprobe-cache',
    challenge: [{ header: 'x-upprobe-mitigated', matches: /^challenge$/ }],
    generatedBy: [{ header: 'x-upprobe-generated', matches: /^edge$/ }],
    originUnreachable: [520, 521, 522, 523, 524],
  },
  {
    // https://www.rfc-editor.org/rfc/rfc9110#field.via (any proxy on the way adds itself)
    id: 'proxy',
    name: 'a proxy',
    recognisedBy: [{ header: 'via' }],
  },
];

/**
 * Every header the rows read: the only response headers the sample path needs to keep for
 * edge recognition, plus `retry-after` and `age` for the evidence sentences.
 */
export const EDGE_HEADER_NAMES: readonly string[] = [
  ...new Set([
    ...EDGE_PROVIDERS.flatMap((p) => [
      ...p.recognisedBy.map((s) => s.header),
      ...(p.pop ? [p.pop.header] : []),
      ...(p.cache ? [p.cache] : []),
      ...(p.challenge ?? []).map((s) => s.header),
      ...(p.generatedBy ?? []).map((s) => s.header),
    ]),
    'retry-after',
    'age',
  ]),
];
