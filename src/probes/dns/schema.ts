// `kind: dns`: one DNS query per sample, to a given server or the system's resolver, checked for
// its rcode and answers. Its shape in probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { choiceField, durationField, regexField, textField } from '../../config/fields.js';
import { reachFields } from '../../config/reach.js';
import type { Pattern } from '../../config/pattern.js';
import { probeBaseFields, type ProbeBase } from '../base.js';
import { DNS_RCODES, DNS_RECORD_TYPES, type DnsRcode, type DnsRecordType } from './record-types.js';
import type { DnsServerAddress } from './server-address.js';

/** `expect.answers`: one operator on the answers as text. */
const answersCheckSchema = z.union(
  [
    z.strictObject({ contains: textField.describe('Some answer contains this text (e.g. "203.0.113.").') }),
    z.strictObject({ matches: regexField.describe('Some answer matches this regular expression.') }),
    z.strictObject({ equals: z.union([textField, z.array(textField).min(1)]).describe('The answers are exactly these, in any order: one answer or a list.') }),
  ],
  { error: 'expected exactly one of contains, matches or equals' },
).describe('What the answers must be, as text (addresses, `10 mail.example.com.` for MX, TXT joined): { contains | matches | equals }.');

const dnsExpectSchema = z.strictObject({
  rcode: choiceField(DNS_RCODES).optional().describe('The response code the server must answer (default NOERROR): NOERROR, NXDOMAIN, SERVFAIL, REFUSED …'),
  answers: answersCheckSchema.optional(),
  maxLatency: durationField.optional().describe('A slower query fails as class "slow": 50ms, 1s …'),
});

/** The "reaching real services" fields: about connections, not one DNS question (`dns.server` says where to ask). */
const NOT_FOR_DNS = Object.keys(reachFields) as (keyof typeof reachFields)[];

/** A dns probe as written. */
export const dnsProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('dns').describe('dns: one DNS query per sample, its rcode and answers checked.'),
  dns: z.strictObject({
    name: textField.describe('The name to ask about, e.g. api.example.com.'),
    type: choiceField(DNS_RECORD_TYPES).optional().describe('The record type: A (default), AAAA, CNAME, MX, TXT or NS.'),
    server: textField.optional().describe('The DNS server to ask, host[:port] ("1.1.1.1:53", "[::1]:5353"); default: the system\'s first resolver.'),
  }).describe('The question: name, type and which server to ask.'),
  expect: dnsExpectSchema.optional().describe('What passes (default: NOERROR with at least one answer; rcode alone checks only the rcode).'),
}).superRefine((probe, ctx) => {
  for (const key of NOT_FOR_DNS) {
    if (probe[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], params: { at: 'key' }, message: `${key} does not apply to a dns probe (dns.server says which server to ask)` });
  }
});

/** A dns probe after validation, before defaults and interpolation. */
export type DnsProbeInput = z.output<typeof dnsProbeSchema>;

/**
 * What the answers must be: `contains` some answer holds the text, `matches` some answer matches,
 * `equals` the answers are exactly these (in any order).
 */
export type DnsAnswersCheck = { op: 'contains'; value: string } | { op: 'matches'; value: Pattern } | { op: 'equals'; value: string[] };

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
