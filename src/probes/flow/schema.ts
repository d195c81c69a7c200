// `kind: flow`: a login (or any multi-step) flow, each sample one person going through every
// step. Its shape in probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { booleanField, durationField } from '../../config/fields.js';
import { expectSchema, requestSchema } from '../../config/schema.js';
import type { Expectations, RequestSpec } from '../../config/types.js';
import { probeBaseFields, type ProbeBase } from '../base.js';
import { capturesField, type CaptureSpec } from './capture-schema.js';

/** One step: a request, what its response must look like, and what to capture from it. */
export const stepSchema = z.strictObject({
  id: probeBaseFields.id.describe('Name of the step, unique in its flow: reports name a failing step by it.'),
  request: requestSchema.describe("The step's request; its strings may read ${name} values captured by earlier steps."),
  expect: expectSchema.optional().describe('What the response must look like; a failing step skips the rest of the sample.'),
  capture: capturesField.optional().describe('Values later steps read as ${name}: name → { regex | json | header | cookie }.'),
  timeout: durationField.optional().describe("Per-request timeout of this step; overrides the probe's."),
});

/** A flow probe as written; its steps are checked one by one (load.ts) so one bad step hides nothing. */
export const flowProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('flow').describe('flow: each sample runs every step in order with a fresh cookie jar, like one person signing in.'),
  steps: z.array(z.unknown()).min(1, 'expected at least one step').describe('The requests of one sample, in order.'),
  reuseConnections: booleanField.optional().describe('Keep connections open between samples instead of a fresh one for each (default false).'),
});

/** A flow probe with its steps, as one schema: what editors check a file with (see kind.ts). */
export const writtenFlowProbeSchema = flowProbeSchema.extend({
  steps: z.array(stepSchema).min(1).describe('The requests of one sample, in order.'),
});

/** One request of a flow; its strings may hold `${capture}` references to earlier steps. */
export interface FlowStep {
  id: string;
  request: RequestSpec;
  expect: Expectations;
  captures: CaptureSpec[];
}

/** A flow probe resolved: what its runner gets. */
export interface FlowProbe extends ProbeBase {
  kind: 'flow';
  /** Run in order, each sample with a fresh cookie jar; a failed step skips the rest. */
  steps: FlowStep[];
  reuseConnections: boolean;
}
