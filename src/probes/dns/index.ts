// The dns kind: one DNS query per sample, its rcode and answers checked.
import type { ProbeKind } from '../kind.js';
import { loadDnsProbe } from './load.js';
import { dnsProbeSchema, type DnsProbe } from './schema.js';

export const dnsKind: ProbeKind<DnsProbe> = {
  load: loadDnsProbe,
  schema: dnsProbeSchema,
  runner: async () => (await import('./runner.js')).dnsRunner,
};
