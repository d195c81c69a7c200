// The http kind: one request (and its redirects) per sample.
import type { ProbeKind } from '../kind.js';
import { loadHttpProbe } from './load.js';
import type { HttpProbe } from './schema.js';

export const httpKind: ProbeKind<HttpProbe> = {
  load: loadHttpProbe,
  runner: async () => (await import('./runner.js')).httpRunner,
};
