// `kind: dns`: one DNS query per sample, to a given server or the system's resolver, checked for
// its rcode and answers. Its shape in probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { choiceField, durationField, regexField, textField } from '../../config/fields.js';
import { probeBaseFields, type ProbeBase } from '../base.js';
import { DNS_RCODES, DNS_RECORD_TYPES, type DnsRcode, type DnsRecordType } from './record-types.js';
import type { DnsServerAddress } from './server-address.js';

/** `expect.answers`: one operator on the answers as text. */
const answersCheckSchema = z.union(
  [
    z.strictObject({ contains: textField }),
    z.strictObject({ matches: regexField }),
    z.strictObject({ equals: z.union([textField, z.array(textField).min(1)]) }),
  ],
  { error: 'expected exactly one of contains, matches or equals' },
);

const dnsExpectSchema = z.strictObject({
  rcode: choiceField(DNS_RCODES).optional(),
  answers: answersCheckSchema.optional(),
  maxLatency: durationField.optional(),
});

/** A dns probe as written. */
export const dnsProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('dns'),
  dns: z.strictObject({
    name: textField,
    type: choiceField(DNS_RECORD_TYPES).optional(),
    server: textField.optional(),
  }),
  expect: dnsExpectSchema.optional(),
});

/** A dns probe after validation, before defaults and interpolation. */
export type DnsProbeInput = z.output<typeof dnsProbeSchema>;

/**
 * What the answers must be: `contains` some answer holds the text, `matches` some answer matches,
 * `equals` the answers are exactly these (in any order).
 */
export type DnsAnswersCheck = { op: 'contains'; value: string } | { op: 'matches'; value: RegExp } | { op: 'equals'; value: string[] };

export interface DnsExpect {
  rcode: DnsRcode;
  /** SPEC: without `expect`, NOERROR with at least one answer; with `rcode` alone, only the rcode. */
  requireAnswer: boolean;
  answers: DnsAnswersCheck | null;
  maxLatencyMs?: number;
}

/** A dns probe resolved: what its runner gets. */
export interface DnsProbe extends ProbeBase {
  kind: 'dns';
  name: string;
  type: DnsRecordType;
  /** null: the system's first resolver, read when the probe runs. */
  server: DnsServerAddress | null;
  timeoutMs: number;
  expect: DnsExpect;
}
