// Turns listed URLs and a page's references into the links a links probe checks: resolved as a
// browser resolves them, fragments dropped, each URL once, non-web schemes skipped, `limit` applied.
import type { LinkCounts } from '../../model/links.js';
import type { PageReferences } from './html-links.js';

/** A loaded page: where it ended up after redirects (relative references resolve against that). */
export interface LoadedPage extends PageReferences {
  url: URL;
  /** The URL the probe asked for, before redirects: a link to it is the page itself. */
  requested: URL;
}

/** The links to check, in the order found, and the counts of what was left out. */
export interface LinkList {
  links: URL[];
  counts: Omit<LinkCounts, 'page'>;
}

/**
 * A link longer than this is counted invalid, not requested: servers refuse request lines of
 * about this size (nginx and Apache at 8 KiB), and V8 hashes a string of more than 16,383
 * characters by its length alone, so a set of thousands of 64 KiB URLs (a hostile `<base href>`)
 * would compare them all with each other.
 */
export const MAX_LINK_CHARS = 8 * 1024;

/**
 * Characters of base URL parsed to resolve a page's relative references (the URL parser reads
 * the base again for each): a bound on the work one page can cause, ~0.2 s. A page past it has
 * its remaining references counted `overLimit`, unchecked; real pages use a small fraction.
 */
export const RESOLVE_BUDGET_CHARS = 32 * 1024 * 1024;

/** Collects `urls` (already absolute) then the page's references, up to `limit` distinct links. */
export function collectLinks(urls: readonly string[], page: LoadedPage | null, limit: number): LinkList {
  const links: URL[] = [];
  const counts = { found: page?.references.length ?? 0, skipped: 0, invalid: 0, duplicates: 0, overLimit: 0 };
  const seen = new Set<string>();

  const add = (url: URL) => {
    url.hash = '';
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      counts.skipped++;
    } else if (url.href.length > MAX_LINK_CHARS) {
      counts.invalid++;
    } else if (seen.has(url.href)) {
      counts.duplicates++;
    } else {
      seen.add(url.href);
      if (links.length < limit) links.push(url);
      else counts.overLimit++;
    }
  };

  for (const url of urls) add(new URL(url));
  if (page) {
    // The page was loaded already: a link back to it (`/`, `#top`) is not checked again.
    for (const self of [page.url, page.requested]) seen.add(withoutHash(self));
    const base = documentBase(page);
    // `/x` and `//host/x` keep only the base's scheme and host: resolved against those alone, a
    // long base path costs them nothing (the result is the same).
    const root = URL.canParse('/', base) ? new URL('/', base).href : base;
    // The same text resolves to the same link: counted a duplicate without resolving it again.
    const texts = new Set<string>();
    let budget = RESOLVE_BUDGET_CHARS;
    for (const reference of page.references) {
      if (texts.has(reference)) {
        counts.duplicates++;
        continue;
      }
      texts.add(reference);
      const against = reference.startsWith('/') || reference.startsWith('\\') ? root : base;
      if (reference.length > MAX_LINK_CHARS) counts.invalid++;
      else if (URL.canParse(reference)) add(new URL(reference)); // absolute: the base plays no part
      else if (against.length > MAX_LINK_CHARS) counts.invalid++; // relative to a base already too long
      else if (links.length >= limit || budget < against.length) counts.overLimit++; // not checked anyway: not resolved either
      else {
        budget -= against.length;
        if (URL.canParse(reference, against)) add(new URL(reference, against));
        else counts.invalid++;
      }
    }
  }
  return { links, counts };
}

/**
 * HTML's document base URL: the first `<base href>`, resolved against the page, else the page.
 * As the standard says, a base that does not parse or is a `data:` or `javascript:` URL is ignored.
 */
function documentBase(page: LoadedPage): string {
  if (page.base === null || !URL.canParse(page.base, page.url.href)) return page.url.href;
  const base = new URL(page.base, page.url.href);
  return base.protocol === 'data:' || base.protocol === 'javascript:' ? page.url.href : base.href;
}

function withoutHash(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/**
 * Reorders links so that consecutive ones go to different hosts, keeping each host's own order:
 * with a per-host cap, a probe's next link is then rarely one that has to wait.
 */
export function interleaveByHost(links: readonly URL[]): URL[] {
  const byHost = new Map<string, URL[]>();
  for (const url of links) {
    const list = byHost.get(url.host);
    if (list) list.push(url);
    else byHost.set(url.host, [url]);
  }
  const queues = [...byHost.values()];
  const ordered: URL[] = [];
  for (let round = 0; ordered.length < links.length; round++) {
    for (const queue of queues) {
      const url = queue[round];
      if (url) ordered.push(url);
    }
  }
  return ordered;
}
