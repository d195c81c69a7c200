// The links kind: every link (listed, or found in a page) is one sample, its redirect chain followed hop by hop.
import type { ProbeKind } from '../kind.js';
import { loadLinksProbe } from './load.js';
import { linksProbeSchema, type LinksProbe } from './schema.js';

export const linksKind: ProbeKind<LinksProbe> = {
  load: loadLinksProbe,
  schema: linksProbeSchema,
  runner: async () => (await import('./runner.js')).linksRunner,
};
