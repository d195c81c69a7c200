// The shape of a `kind: links` probe in probes.yaml: where its links come from, how each is
// requested, and what the end of each redirect chain must be.
import { z } from 'zod';
import { headersField, textCheckField } from '../../config/checks.js';
import { booleanField, choiceField, countField, durationField, limitField, sizeField, statusField, textField } from '../../config/fields.js';
import type { Expectations } from '../../config/types.js';
import { certificateCheckSchema } from '../../config/schema.js';
import type { ReachSpec } from '../../config/types.js';
import { probeBaseFields, type ProbeBase } from '../base.js';

/** The elements a links probe reads references from: a[href], img[src|srcset], script[src], link[href]. */
export type LinkElement = 'a' | 'img' | 'script' | 'link';
export const LINK_ELEMENTS: readonly LinkElement[] = ['a', 'img', 'script', 'link'];

/** `links.fromPage`: the page to read and which elements' references to take (all four by default). */
const fromPageSchema = z.strictObject({
  url: textField.describe('The page to read the links from: absolute, or relative to defaults.baseUrl. It is not a sample.'),
  select: z
    .array(choiceField(LINK_ELEMENTS))
    .min(1, `expected at least one of ${LINK_ELEMENTS.join(', ')}`)
    .optional()
    .describe('Elements whose references are checked: a (href), img (src, srcset), script (src), link (href). Default: all four.'),
  maxBodySize: sizeField
    .optional()
    .describe("The page's own size limit: 10MiB by default (documentation pages are large); the probe's maxBodySize also sets it."),
});

/** `links`: explicit urls and/or a page to find them in. */
const linkSourcesSchema = z
  .strictObject({
    urls: z.array(textField).min(1, 'expected at least one url').optional().describe('Links to check, absolute or relative to defaults.baseUrl.'),
    fromPage: fromPageSchema.optional().describe('A page whose links, images, scripts and stylesheets are checked.'),
    limit: countField.optional().describe('Links checked at most (default 200); more found are counted, not checked.'),
  })
  .refine((links) => links.urls !== undefined || links.fromPage !== undefined, 'expected urls, fromPage or both');

/** A links probe's `expect`: status and latency of each chain's end, and optionally where it ends. */
const linksExpectSchema = z
  .strictObject({
    status: statusField.optional().describe('Status the end of each redirect chain must answer: 200, [200, 204] or "2xx" (default 2xx).'),
    maxLatency: durationField.optional().describe('A link whose chain takes longer fails as class "slow": 800ms, 2s …'),
    finalUrl: textCheckField.optional().describe('Where each chain must end: a URL, or { contains | matches | equals }.'),
    certificate: certificateCheckSchema.optional().describe('On https: { minDaysLeft: N } fails a link whose certificate expires in fewer than N days.'),
  })
  .transform(
    (e): Expectations => ({
      ...(e.status && { status: e.status }),
      ...(e.maxLatency !== undefined && { maxLatencyMs: e.maxLatency }),
      ...(e.finalUrl && { finalUrl: e.finalUrl }),
      ...(e.certificate && { certificate: e.certificate }),
    }),
  );

/** A links probe: every link is one sample; `samples` does not apply (each link is checked once). */
export const linksProbeSchema = z
  .strictObject({
    ...probeBaseFields,
    kind: z.literal('links').describe('links: every link (listed, or found in a page) is one sample, its redirects followed hop by hop.'),
    links: linkSourcesSchema.describe('Where the links come from: urls, fromPage, or both.'),
    headers: headersField.optional().describe('Headers every link request sends, on top of defaults.headers.'),
    maxRedirects: limitField.optional().describe('Redirects followed at most per link (default 10); more fail the link as class "redirect".'),
    maxBodySize: sizeField.optional().describe('Size limit for the page fromPage reads (default 10MiB; links.fromPage.maxBodySize wins).'),
    insecure: booleanField.optional().describe('Accept any TLS certificate (default false). Only knowingly.'),
    hostConcurrency: countField.optional().describe('Links checked at once per host, on top of the global concurrency: politeness to one server.'),
    reuseConnections: booleanField.optional().describe('Keep connections open between links instead of a fresh one for each (default false).'),
    expect: linksExpectSchema.optional().describe('What the end of each redirect chain must be.'),
  })
  .superRefine((probe, ctx) => {
    if (probe.samples !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['samples'], params: { at: 'key' }, message: 'a links probe checks each link once per run: samples does not apply' });
    }
  });

/** A links probe after validation, before defaults and interpolation. */
export type LinksProbeInput = z.output<typeof linksProbeSchema>;

/** Where a links probe gets its links: listed, found in a page, or both. */
export interface LinkSources {
  /** Absolute URLs, in the order written. */
  urls: string[];
  fromPage: { url: string; select: LinkElement[] } | null;
  /** Links checked at most; more found are counted as `overLimit`, not checked. */
  limit: number;
}

/**
 * A links probe resolved: each link is one sample, requested as a browser would (GET, redirects
 * followed hop by hop); `expect` applies to the end of each chain. The page is loaded once and is not a sample.
 */
export interface LinksProbe extends ProbeBase {
  kind: 'links';
  links: LinkSources;
  headers: Record<string, string>;
  maxRedirects: number;
  timeoutMs: number;
  /**
   * Limit for the page that `fromPage` reads: `links.fromPage.maxBodySize`, else the probe's own
   * `maxBodySize`, else 10 MiB (not `defaults.maxBodySize`, which is sized for API answers). A
   * link check reads only the first few KiB of each body.
   */
  maxBodySize: number;
  insecure: boolean;
  reach: ReachSpec;
  expect: Expectations;
  /** Links checked at once per host (on top of the global concurrency): politeness towards one server. */
  hostConcurrency: number;
  reuseConnections: boolean;
}
