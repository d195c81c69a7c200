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

/** Collects `urls` (already absolute) then the page's references, up to `limit` distinct links. */
export function collectLinks(urls: readonly string[], page: LoadedPage | null, limit: number): LinkList {
  const links: URL[] = [];
  const counts = { found: page?.references.length ?? 0, skipped: 0, invalid: 0, duplicates: 0, overLimit: 0 };
  const seen = new Set<string>();

  const add = (url: URL) => {
    url.hash = '';
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      counts.skipped++;
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
    for (const reference of page.references) {
      if (URL.canParse(reference, base)) add(new URL(reference, base));
      else counts.invalid++;
    }
  }
  return { links, counts };
}

/** HTML's document base URL: the first `<base href>`, resolved against the page, else the page. */
function documentBase(page: LoadedPage): string {
  if (page.base !== null && URL.canParse(page.base, page.url.href)) return new URL(page.base, page.url.href).href;
  return page.url.href;
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
