// `kind: tcp`: one TCP connect per sample, optionally completing a TLS handshake (SNI = host) with
// its certificate checked. Its shape in probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { booleanField, durationField, field, limitField, textField } from '../../config/fields.js';
import { probeBaseFields, type ProbeBase } from '../base.js';

/** A TCP port, 1–65535. */
const portField = field('a port from 1 to 65535', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65_535 ? v : undefined));

const tcpExpectSchema = z.strictObject({
  certificate: z
    .strictObject({ minDaysLeft: limitField.describe('A leaf certificate expiring in fewer days fails as class "tls" (also with insecure).') })
    .optional()
    .describe('Checks on the certificate of the TLS handshake (needs tls: true).'),
  maxLatency: durationField.optional().describe('A slower connect (+ handshake) fails as class "slow": 200ms, 1s …'),
});

/** A tcp probe as written. */
export const tcpProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('tcp').describe('tcp: one TCP connect per sample, optionally a TLS handshake with its certificate checked.'),
  tcp: z.strictObject({
    host: textField.describe('Host name or IP address to connect to ([::1] for IPv6).'),
    port: portField.describe('TCP port, 1 to 65535.'),
    tls: booleanField.optional().describe('Complete a TLS handshake after connecting, SNI = host (default false).'),
  }).describe('Where to connect, and whether to shake hands in TLS.'),
  /** Accept any certificate: the handshake must still complete, and the certificate is still reported. */
  insecure: booleanField.optional().describe('Accept any certificate (default false); it is still read, reported and checked against minDaysLeft.'),
  /** Only this address family (default: either, each resolved address in turn). */
  ipFamily: field('4 or 6', (v) => (v === 4 || v === 6 ? v : undefined)).optional().describe('Use only IPv4 (4) or IPv6 (6) addresses (default: either, each in turn).'),
  expect: tcpExpectSchema.optional().describe('What passes besides a completed connect (and handshake).'),
}).superRefine((probe, ctx) => {
  if (probe.expect?.certificate !== undefined && probe.tcp.tls !== true) {
    ctx.addIssue({ code: 'custom', path: ['expect', 'certificate'], params: { at: 'key' }, message: 'certificate needs tls: true in tcp (a plain connect has no certificate)' });
  }
});

/** A tcp probe after validation, before defaults and interpolation. */
export type TcpProbeInput = z.output<typeof tcpProbeSchema>;

/** A tcp probe resolved: what its runner gets. */
export interface TcpProbe extends ProbeBase {
  kind: 'tcp';
  host: string;
  port: number;
  tls: boolean;
  insecure: boolean;
  ipFamily: 4 | 6 | null;
  timeoutMs: number;
  expect: {
    /** A leaf expiring in fewer days fails as `tls` (also with `insecure`). */
    minDaysLeft?: number;
    maxLatencyMs?: number;
  };
}
