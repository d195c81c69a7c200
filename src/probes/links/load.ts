// Builds a LinksProbe from its checked input: built-in defaults < file defaults < probe < flags,
// with every URL interpolated and resolved against the base, as for http probes.
import type { LoadContext } from '../../config/context.js';
import { BUILT_IN, type ResolvedDefaults } from '../../config/defaults.js';
import { parseWith } from '../../config/issues.js';
import type { DataPath } from '../../config/positions.js';
import { layerReach, resolveReach } from '../../config/reach.js';
import { mergeHeaders, resolveUrl } from '../../config/request.js';
import type { Expectations } from '../../config/types.js';
import { resolveBase, resolveTimeout } from '../base.js';
import { LINK_ELEMENTS, linksProbeSchema, type LinksProbe, type LinksProbeInput, type LinkSources } from './schema.js';

const WHERE = 'in a links probe';

/** What a links probe uses when nothing says otherwise. */
export const LINKS_DEFAULTS = {
  /** Enough for a busy home page; more links are counted (`overLimit`), not checked. */
  limit: 1000,
  /** A few connections per host, like a browser: polite to one server, fast across many. */
  hostConcurrency: 4,
  /** A real documentation page is often several MB: the page `fromPage` reads may be up to this. */
  pageMaxBodySize: 10 * 1024 * 1024,
} as const;

/** Validates and resolves one links probe; null when a problem was reported. */
export function loadLinksProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): LinksProbe | null {
  const input = parseWith(linksProbeSchema, raw, path, ctx.report);
  if (input === null || defaults === null) return null;
  const links = resolveSources(input.links, [...path, 'links'], defaults, ctx);
  const headers = mergeHeaders(defaults.headers, input.headers, [...path, 'headers'], ctx, WHERE);
  const expect = resolveExpect(input.expect ?? {}, defaults);
  const reach = resolveReach(layerReach(layerReach({}, defaults, ['defaults']), input, path), ctx, WHERE);
  if (links === null || headers === null || reach === null) return null;
  return {
    ...resolveBase(input, defaults, ctx),
    kind: 'links',
    // Each link is checked once per run: a links probe has no `samples` (its schema refuses it).
    samples: 1,
    links,
    headers,
    maxRedirects: input.maxRedirects ?? defaults.maxRedirects ?? BUILT_IN.maxRedirects,
    timeoutMs: resolveTimeout(input, defaults, ctx),
    maxBodySize: input.links.fromPage?.maxBodySize ?? input.maxBodySize ?? LINKS_DEFAULTS.pageMaxBodySize,
    insecure: input.insecure ?? defaults.insecure ?? BUILT_IN.insecure,
    reach,
    expect,
    hostConcurrency: input.hostConcurrency ?? LINKS_DEFAULTS.hostConcurrency,
    reuseConnections: input.reuseConnections ?? defaults.reuseConnections ?? BUILT_IN.reuseConnections,
  };
}

function resolveSources(input: LinksProbeInput['links'], path: DataPath, defaults: ResolvedDefaults, ctx: LoadContext): LinkSources | null {
  const urls = (input.urls ?? []).map((url, i) => resolveUrl(url, [...path, 'urls', i], defaults.baseUrl, ctx, WHERE));
  const page = input.fromPage;
  const pageUrl = page ? resolveUrl(page.url, [...path, 'fromPage', 'url'], defaults.baseUrl, ctx, WHERE) : null;
  if (urls.some((url) => url === null) || (page && pageUrl === null)) return null;
  return {
    urls: urls.filter((url): url is string => url !== null),
    fromPage: page && pageUrl !== null ? { url: pageUrl, select: [...new Set(page.select ?? LINK_ELEMENTS)] } : null,
    limit: input.limit ?? LINKS_DEFAULTS.limit,
  };
}

/** `finalUrl: /status/1` means that URL on the base, so an equals check compares absolute URLs. */
function resolveExpect(expect: Expectations, defaults: ResolvedDefaults): Expectations {
  const check = expect.finalUrl;
  const base = defaults.baseUrl instanceof URL ? defaults.baseUrl : null;
  if (check?.op !== 'equals' || typeof check.value !== 'string' || base === null || URL.canParse(check.value)) return expect;
  if (!URL.canParse(check.value, base.href)) return expect;
  return { ...expect, finalUrl: { op: 'equals', value: new URL(check.value, base.href).href } };
}
