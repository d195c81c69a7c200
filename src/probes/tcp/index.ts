// The tcp kind: one TCP connect per sample, optionally a TLS handshake with its certificate checked.
import type { ProbeKind } from '../kind.js';
import { loadTcpProbe } from './load.js';
import { tcpProbeSchema, type TcpProbe } from './schema.js';

export const tcpKind: ProbeKind<TcpProbe> = {
  load: loadTcpProbe,
  schema: tcpProbeSchema,
  runner: async () => (await import('./runner.js')).tcpRunner,
};
