// The http kind: one request (and its redirects) per sample.
import type { ProbeKind } from '../kind.js';
import { loadHttpProbe } from './load.js';
import { httpProbeSchema, type HttpProbe } from './schema.js';

export const httpKind: ProbeKind<HttpProbe> = {
  load: loadHttpProbe,
  schema: httpProbeSchema,
  runner: async () => (await import('./runner.js')).httpRunner,
};
