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
  id: probeBaseFields.id,
  request: requestSchema,
  expect: expectSchema.optional(),
  capture: capturesField.optional(),
  /** Overrides the probe's per-request timeout for this step. */
  timeout: durationField.optional(),
});

/** A flow probe as written; its steps are checked one by one (load.ts) so one bad step hides nothing. */
export const flowProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('flow'),
  steps: z.array(z.unknown()).min(1, 'expected at least one step'),
  reuseConnections: booleanField.optional(),
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
