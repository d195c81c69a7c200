// `kind: tcp`: one TCP connect per sample, optionally completing a TLS handshake (SNI = host) with
// its certificate checked. Its shape in probes.yaml, and what the loader resolves it to.
import { z } from 'zod';
import { booleanField, durationField, field, limitField, textField } from '../../config/fields.js';
import type { TransportOptions } from '../../http/transport.js';
import { probeBaseFields, type ProbeBase } from '../base.js';

/** A TCP port, 1–65535, or text that becomes one once interpolated (`"${env.API_PORT}"`). */
const portField = field('a port from 1 to 65535', (v) =>
  (typeof v === 'number' && isPort(v)) || (typeof v === 'string' && v.trim() !== '') ? v : undefined,
);

/** A whole number from 1 to 65535. */
export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65_535;
}

const tcpExpectSchema = z.strictObject({
  certificate: z
    .strictObject({ minDaysLeft: limitField.describe('A leaf certificate expiring in fewer days fails as class "tls" (also with insecure).') })
    .optional()
    .describe('Checks on the certificate of the TLS handshake (needs tls: true).'),
  maxLatency: durationField.optional().describe('A slower connect (+ handshake) fails as class "slow": 200ms, 1s …'),
});

/** The "reaching real services" fields that are about HTTP: a tcp probe refuses them. */
const NOT_FOR_TCP = ['proxy', 'http2', 'decompress', 'auth'] as const;

/** A tcp probe as written. */
export const tcpProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('tcp').describe('tcp: one TCP connect per sample, optionally a TLS handshake with its certificate checked.'),
  tcp: z.strictObject({
    host: textField.describe('Host name or IP address to connect to ([::1] for IPv6).'),
    port: portField.describe('TCP port, 1 to 65535; a text is interpolated first ("${env.API_PORT}").'),
    tls: booleanField.optional().describe('Complete a TLS handshake after connecting, SNI = host (default false).'),
  }).describe('Where to connect, and whether to shake hands in TLS.'),
  /** Accept any certificate: the handshake must still complete, and the certificate is still reported. */
  insecure: booleanField.optional().describe('Accept any certificate (default false); it is still read, reported and checked against minDaysLeft.'),
  expect: tcpExpectSchema.optional().describe('What passes besides a completed connect (and handshake).'),
}).superRefine((probe, ctx) => {
  for (const key of NOT_FOR_TCP) {
    if (probe[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], params: { at: 'key' }, message: `${key} does not apply to a tcp probe (it speaks no HTTP)` });
  }
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
  /** ca, cert, key, passphrase, resolve, resolver, ipFamily (SPEC "Reaching real services"). */
  transport: TransportOptions;
  timeoutMs: number;
  expect: {
    /** A leaf expiring in fewer days fails as `tls` (also with `insecure`). */
    minDaysLeft?: number;
    maxLatencyMs?: number;
  };
}
