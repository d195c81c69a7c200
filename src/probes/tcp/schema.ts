// `kind: tcp`: one TCP connect per sample, optionally completing a TLS handshake (SNI = host) with
// its certificate checked. Its shape in probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { booleanField, durationField, field, limitField, textField } from '../../config/fields.js';
import { probeBaseFields, type ProbeBase } from '../base.js';

/** A TCP port, 1–65535. */
const portField = field('a port from 1 to 65535', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65_535 ? v : undefined));

const tcpExpectSchema = z.strictObject({
  certificate: z.strictObject({ minDaysLeft: limitField }).optional(),
  maxLatency: durationField.optional(),
});

/** A tcp probe as written. */
export const tcpProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('tcp'),
  tcp: z.strictObject({
    host: textField,
    port: portField,
    tls: booleanField.optional(),
  }),
  /** Accept any certificate: the handshake must still complete, and the certificate is still reported. */
  insecure: booleanField.optional(),
  /** Only this address family (default: either, each resolved address in turn). */
  ipFamily: field('4 or 6', (v) => (v === 4 || v === 6 ? v : undefined)).optional(),
  expect: tcpExpectSchema.optional(),
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
