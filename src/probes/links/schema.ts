// The shape of a `kind: links` probe in probes.yaml: where its links come from, how each is
// requested, and what the end of each redirect chain must be.
import { z } from 'zod';
import { headersField, textCheckField } from '../../config/checks.js';
import { booleanField, choiceField, countField, durationField, limitField, sizeField, statusField, textField } from '../../config/fields.js';
import type { Expectations } from '../../config/types.js';
import { probeBaseFields, type ProbeBase } from '../base.js';

/** The elements a links probe reads references from: a[href], img[src|srcset], script[src], link[href]. */
export type LinkElement = 'a' | 'img' | 'script' | 'link';
export const LINK_ELEMENTS: readonly LinkElement[] = ['a', 'img', 'script', 'link'];

/** `links.fromPage`: the page to read and which elements' references to take (all four by default). */
const fromPageSchema = z.strictObject({
  url: textField,
  select: z.array(choiceField(LINK_ELEMENTS)).min(1, `expected at least one of ${LINK_ELEMENTS.join(', ')}`).optional(),
});

/** `links`: explicit urls and/or a page to find them in. */
const linkSourcesSchema = z
  .strictObject({
    urls: z.array(textField).min(1, 'expected at least one url').optional(),
    fromPage: fromPageSchema.optional(),
    limit: countField.optional(),
  })
  .refine((links) => links.urls !== undefined || links.fromPage !== undefined, 'expected urls, fromPage or both');

/** A links probe's `expect`: status and latency of each chain's end, and optionally where it ends. */
const linksExpectSchema = z
  .strictObject({
    status: statusField.optional(),
    maxLatency: durationField.optional(),
    finalUrl: textCheckField.optional(),
  })
  .transform(
    (e): Expectations => ({
      ...(e.status && { status: e.status }),
      ...(e.maxLatency !== undefined && { maxLatencyMs: e.maxLatency }),
      ...(e.finalUrl && { finalUrl: e.finalUrl }),
    }),
  );

/** A links probe: every link is one sample; `samples` does not apply (each link is checked once). */
export const linksProbeSchema = z
  .strictObject({
    ...probeBaseFields,
    kind: z.literal('links'),
    links: linkSourcesSchema,
    headers: headersField.optional(),
    maxRedirects: limitField.optional(),
    maxBodySize: sizeField.optional(),
    insecure: booleanField.optional(),
    hostConcurrency: countField.optional(),
    reuseConnections: booleanField.optional(),
    expect: linksExpectSchema.optional(),
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
  /** Limit for the page that `fromPage` reads; a link check reads only the first few KiB of each body. */
  maxBodySize: number;
  insecure: boolean;
  expect: Expectations;
  /** Links checked at once per host (on top of the global concurrency): politeness towards one server. */
  hostConcurrency: number;
  reuseConnections: boolean;
}
