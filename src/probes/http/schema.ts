// `kind: http` (or no kind): one request per sample, checked against `expect`. Its shape in
// probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { booleanField } from '../../config/fields.js';
import { expectSchema, requestSchema } from '../../config/schema.js';
import type { Expectations, RequestSpec } from '../../config/types.js';
import { probeBaseFields, type ProbeBase } from '../base.js';

/** An http probe as written. */
export const httpProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('http').optional().describe('http (the default): one request per sample.'),
  request: requestSchema.describe('The request each sample sends.'),
  expect: expectSchema.optional().describe('What the response must look like; without it, any 2xx passes.'),
  reuseConnections: booleanField.optional().describe('Keep connections open between samples instead of a fresh one for each (default false).'),
});

/** An http probe after validation, before defaults and interpolation. */
export type HttpProbeInput = z.output<typeof httpProbeSchema>;

/** An http probe resolved: what its runner gets. */
export interface HttpProbe extends ProbeBase {
  kind: 'http';
  request: RequestSpec;
  expect: Expectations;
  /** Keep connections open between samples (what a returning visitor costs) instead of a fresh one each. */
  reuseConnections: boolean;
}
