// The flow kind: every sample runs all steps in order with a fresh cookie jar, like one person logging in.
import type { ProbeKind } from '../kind.js';
import { loadFlowProbe } from './load.js';
import { writtenFlowProbeSchema, type FlowProbe } from './schema.js';

export const flowKind: ProbeKind<FlowProbe> = {
  load: loadFlowProbe,
  schema: writtenFlowProbeSchema,
  runner: async () => (await import('./runner.js')).flowRunner,
};
