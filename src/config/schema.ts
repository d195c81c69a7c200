// The shape of probes.yaml (SPEC "probes.yaml"), as strict zod schemas: an unknown key is an
// error that lists the allowed ones. Values come out converted (ms, fractions, bytes, RE2 patterns).
import { z } from 'zod';
import { type Expectations } from './types.js';
import type { Thresholds } from '../model/thresholds.js';
import { formField, headerChecksField, headersField, jsonChecksField } from './checks.js';
import { reachFields } from './reach.js';
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
  version: field('1 (the only format version so far)', (v) => (v === 1 ? 1 : undefined)).meta({
    const: 1,
    description: 'Format version of this file: 1, the only one so far.',
  }),
  vantage: textField.optional().describe('Name of the place the probes run from (a region, a host); goes into every report. --vantage wins over it.'),
  defaults: z.unknown().optional().describe('What every probe inherits unless it sets its own value; a flag such as --timeout wins over both.'),
  controls: z
    .unknown()
    .optional()
    .describe("Endpoints you trust to be up that share nothing with the service: they test the prober's own network. When fewer than half answer and a probe fails, the run is inconclusive (exit 4)."),
  notify: z
    .unknown()
    .optional()
    .describe('Where a JSON message is POSTed when a surface changes state (after downAfter failing / upAfter passing runs); --notify URL replaces the url.'),
  probes: z
    .array(z.unknown())
    .min(1, 'expected at least one probe')
    .describe('The probes: http (one request per sample), flow (several requests in order, like a person signing in) or links (every link one sample).'),
});

/** `thresholds` as written (`p95`) turned into the model's names (`p95Ms`); absent keys stay absent. */
export const thresholdsSchema = z
  .strictObject({
    successRate: rateField.optional().describe('Share of samples that must pass: 95% or 0.95. Without thresholds, 100%.'),
    p95: durationField.optional().describe('Limit on the 95th percentile latency: 800ms, 2s …'),
    p99: durationField.optional().describe('Limit on the 99th percentile latency: 800ms, 2s …'),
  })
  .transform(
    (t): Thresholds => ({
      ...(t.successRate !== undefined && { successRate: t.successRate }),
      ...(t.p95 !== undefined && { p95Ms: t.p95 }),
      ...(t.p99 !== undefined && { p99Ms: t.p99 }),
    }),
  );

/** Request settings that `defaults` may set for every probe. */
const transportFields = {
  followRedirects: booleanField
    .optional()
    .describe('Follow redirects (default true). false looks at the redirect itself: then any 2xx or 3xx passes unless expect.status says otherwise.'),
  maxRedirects: limitField.optional().describe('Redirects followed at most; one more fails the sample as class "redirect" (default 10).'),
  maxBodySize: sizeField
    .optional()
    .describe('Response bodies are read up to this size: 512KiB, 1MiB or bytes (default 1MiB); a longer one fails as class "protocol".'),
  insecure: booleanField.optional().describe('Accept any TLS certificate, e.g. a self-signed staging host (default false). Only knowingly.'),
  ...reachFields,
};

/** Retrying failed samples: set in `defaults` or per probe, whatever its kind. */
export const retryFields = {
  retries: retriesField
    .optional()
    .describe('Extra attempts for a failed sample, 0 to 10 (default 0). A sample that then passes counts as passed, and as flaky.'),
  retryDelay: delayField.optional().describe('Pause before each retry: 0, 500ms, 2s … (default 1s).'),
};

/** `defaults`: what every probe inherits unless it says otherwise. */
export const defaultsSchema = z.strictObject({
  baseUrl: textField
    .optional()
    .describe('Absolute http(s) URL that relative probe URLs resolve against, as a browser resolves a link. --base-url wins over it.'),
  timeout: durationField.optional().describe('Per-request timeout: 250ms, 5s, 1m, or a bare number of milliseconds (default 10s). -t wins over it.'),
  samples: countField.optional().describe('Samples per probe (default 1); with more, p95 and p99 mean something. -n wins over it.'),
  concurrency: countField.optional().describe('Requests in flight at once, across all probes (default 16). -c wins over it.'),
  headers: headersField
    .optional()
    .describe('Headers every request sends (names in any case); values may read ${env.NAME} and ${secret.NAME}.'),
  thresholds: thresholdsSchema.optional().describe('Pass/fail limits every probe inherits, key by key. Without any, every sample must pass.'),
  reuseConnections: booleanField
    .optional()
    .describe('Keep connections open between samples (what a returning visitor costs) instead of a fresh one for each (default false).'),
  ...retryFields,
  ...transportFields,
});

/** `defaults` after validation, before interpolation and merging. */
export type DefaultsInput = z.output<typeof defaultsSchema>;

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A probe's `request`: at most one of body, json or form. */
export const requestSchema = z
  .strictObject({
    method: field('an HTTP method like GET or POST', (v) => (typeof v === 'string' && METHOD.test(v) ? v.toUpperCase() : undefined))
      .meta({ type: 'string', pattern: METHOD.source })
      .optional()
      .describe('HTTP method (default GET).'),
    url: textField.describe('The URL to request: absolute, or relative to defaults.baseUrl. May read ${env.NAME} and ${secret.NAME}.'),
    headers: headersField.optional().describe('Headers of this request, on top of defaults.headers (names in any case).'),
    body: z.string().optional().describe('A raw request body, sent as written. Use only one of body, json or form.'),
    json: z.unknown().optional().describe('A request body sent as JSON (content-type application/json). Use only one of body, json or form.'),
    form: formField.optional().describe('A request body of form fields (application/x-www-form-urlencoded). Use only one of body, json or form.'),
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
  .strictObject({
    contains: z.string().optional().describe('Text the body must contain.'),
    matches: regexField.optional().describe('A regular expression (JavaScript syntax) the body must match.'),
    notContains: z.string().optional().describe('Text the body must not contain: the soft-error page served as 200 ("Something went wrong").'),
    notMatches: regexField.optional().describe('A regular expression (JavaScript syntax) the body must not match.'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'expected contains, matches, notContains or notMatches')
  .meta({ minProperties: 1 });

/** `certificate: { minDaysLeft: N }`: fail a leaf certificate that expires in fewer than N days. */
export const certificateCheckSchema = z.strictObject({
  minDaysLeft: limitField.describe('Whole days the leaf certificate must stay valid; fewer fails the sample as class "tls" (checked with insecure too).'),
});

/** `expect`, converted to the Expectations the runners check (maxLatency → maxLatencyMs). */
export const expectSchema = z
  .strictObject({
    status: statusField.optional().describe('Status that passes: 200, [200, 204] or "2xx". Without it, any 2xx passes (2xx or 3xx when redirects are not followed).'),
    maxLatency: durationField.optional().describe('A sample slower than this fails as class "slow": 800ms, 2s …'),
    body: bodyCheckSchema.optional().describe('What the body must (not) contain or match.'),
    json: jsonChecksField
      .optional()
      .describe('JSON path → check, e.g. { "$.status": "ok", "$.items": { exists: true } }. Paths: $, .name, [\'name\'], [0].'),
    headers: headerChecksField.optional().describe('Response header (any case) → check, e.g. { content-type: { matches: "json" } }.'),
    certificate: certificateCheckSchema.optional().describe('On https: { minDaysLeft: N } fails a certificate expiring in fewer than N days.'),
  })
  .transform(
    (e): Expectations => ({
      ...(e.status && { status: e.status }),
      ...(e.maxLatency !== undefined && { maxLatencyMs: e.maxLatency }),
      ...(e.body && { body: e.body }),
      ...(e.json && { json: e.json }),
      ...(e.headers && { headers: e.headers }),
      ...(e.certificate && { certificate: e.certificate }),
    }),
  );
