// What a links probe adds to its result. (The links kind itself is src/probes/links/.)
import type { FailureClass } from './failure.js';

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

/** One link as it was checked (as `linkchecker -v` lists them): where its chain ended, and how fast. */
export interface CheckedLink {
  url: string;
  /** The final status of its redirect chain; null when no response came. */
  status: number | null;
  /** The whole chain, in milliseconds (one decimal). */
  ms: number;
  /** Where the chain ended, when that is not `url`. */
  finalUrl?: string;
  /** Its failure class, when it failed. */
  class?: FailureClass;
}

/** A links probe's own part of its result: what its page held, and every link checked. */
export interface LinksData {
  kind: 'links';
  links: LinkCounts;
  /** Every link checked, in the order they finished; at most `limit`. */
  checked?: CheckedLink[];
}
