// The shape of a `kind: links` probe in probes.yaml: where its links come from, how each is
// requested, and what the end of each redirect chain must be.
import { z } from 'zod';
import { LINK_ELEMENTS, type Expectations } from './types.js';
import { headersField, textCheckField } from './checks.js';
import { booleanField, choiceField, countField, durationField, limitField, sizeField, statusField, textField } from './fields.js';
import { certificateCheckSchema, probeBaseFields } from './schema.js';

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
    certificate: certificateCheckSchema.optional(),
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
