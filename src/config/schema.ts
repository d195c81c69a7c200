// The shape of probes.yaml (SPEC "probes.yaml"), as strict zod schemas: an unknown key is an
// error that lists the allowed ones. Values come out converted (ms, fractions, bytes, RegExp).
import { z } from 'zod';
import { type Expectations } from './types.js';
import type { Thresholds } from '../model/thresholds.js';
import { formField, headerChecksField, headersField, jsonChecksField } from './checks.js';
import {
  booleanField,
  countField,
  delayField,
  durationField,
  field,
  limitField,
  rateField,
  regexField,
  retriesField,
  sizeField,
  statusField,
  textField,
} from './fields.js';

// zod compiles a parser per object schema (new Function) to make repeated parses fast; a CLI
// parses one file once, and the compiling cost ~5 ms of every start (bench/README.md).
z.config({ jitless: true });

/** The top level. `defaults` and each probe are parsed on their own so one bad probe hides nothing. */
export const fileSchema = z.strictObject({
  version: field('1 (the only format version so far)', (v) => (v === 1 ? 1 : undefined)),
  vantage: textField.optional(),
  defaults: z.unknown().optional(),
  controls: z.unknown().optional(),
  probes: z.array(z.unknown()).min(1, 'expected at least one probe'),
});

/** `thresholds` as written (`p95`) turned into the model's names (`p95Ms`); absent keys stay absent. */
export const thresholdsSchema = z
  .strictObject({ successRate: rateField.optional(), p95: durationField.optional(), p99: durationField.optional() })
  .transform(
    (t): Thresholds => ({
      ...(t.successRate !== undefined && { successRate: t.successRate }),
      ...(t.p95 !== undefined && { p95Ms: t.p95 }),
      ...(t.p99 !== undefined && { p99Ms: t.p99 }),
    }),
  );

/** Request settings that `defaults` may set for every probe. */
const transportFields = {
  followRedirects: booleanField.optional(),
  maxRedirects: limitField.optional(),
  maxBodySize: sizeField.optional(),
  insecure: booleanField.optional(),
};

/** Retrying failed samples: set in `defaults` or per probe, whatever its kind. */
export const retryFields = {
  retries: retriesField.optional(),
  retryDelay: delayField.optional(),
};

/** `defaults`: what every probe inherits unless it says otherwise. */
export const defaultsSchema = z.strictObject({
  baseUrl: textField.optional(),
  timeout: durationField.optional(),
  samples: countField.optional(),
  concurrency: countField.optional(),
  headers: headersField.optional(),
  thresholds: thresholdsSchema.optional(),
  reuseConnections: booleanField.optional(),
  ...retryFields,
  ...transportFields,
});

/** `defaults` after validation, before interpolation and merging. */
export type DefaultsInput = z.output<typeof defaultsSchema>;

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A probe's `request`: at most one of body, json or form. */
export const requestSchema = z
  .strictObject({
    method: field('an HTTP method like GET or POST', (v) => (typeof v === 'string' && METHOD.test(v) ? v.toUpperCase() : undefined)).optional(),
    url: textField,
    headers: headersField.optional(),
    body: z.string().optional(),
    json: z.unknown().optional(),
    form: formField.optional(),
    ...transportFields,
  })
  .superRefine((request, ctx) => {
    const given = (['body', 'json', 'form'] as const).filter((k) => request[k] !== undefined);
    for (const extra of given.slice(1)) {
      ctx.addIssue({ code: 'custom', path: [extra], message: `use only one of body, json or form (found ${given.join(' and ')})` });
    }
  });

/** `request` after validation; its strings still hold `${…}` references. */
export type RequestInput = z.output<typeof requestSchema>;

const bodyCheckSchema = z
  .strictObject({ contains: z.string().optional(), matches: regexField.optional() })
  .refine((b) => b.contains !== undefined || b.matches !== undefined, 'expected contains or matches');

/** `expect`, converted to the Expectations the runners check (maxLatency → maxLatencyMs). */
export const expectSchema = z
  .strictObject({
    status: statusField.optional(),
    maxLatency: durationField.optional(),
    body: bodyCheckSchema.optional(),
    json: jsonChecksField.optional(),
    headers: headerChecksField.optional(),
  })
  .transform(
    (e): Expectations => ({
      ...(e.status && { status: e.status }),
      ...(e.maxLatency !== undefined && { maxLatencyMs: e.maxLatency }),
      ...(e.body && { body: e.body }),
      ...(e.json && { json: e.json }),
      ...(e.headers && { headers: e.headers }),
    }),
  );
