// What a links probe adds to its result. (The links kind itself is src/probes/links/.)

/** What a links probe found and left out; the links it checked are its samples. */
export interface LinkCounts {
  /** The page `fromPage` read (its URL after redirects), or null for `urls` only. */
  page: string | null;
  /** References found in the page, before anything was skipped or merged. */
  found: number;
  /** Not http(s): mailto:, tel:, javascript:, data: … */
  skipped: number;
  /** Not a URL at all (`http://[oops`). */
  invalid: number;
  /** The same URL again (fragments ignored), or the page itself. */
  duplicates: number;
  /** Distinct links past `limit`: not checked. */
  overLimit: number;
}

/** A links probe's own part of its result: what its page held. */
export interface LinksData {
  kind: 'links';
  links: LinkCounts;
}
