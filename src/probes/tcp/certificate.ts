// The leaf certificate a TLS handshake presented, as SPEC's `tls.certificate` reads it (the same
// reading as an https probe's: http/certificate.ts).
import type { TLSSocket } from 'node:tls';
import { certificateOf } from '../../http/certificate.js';
import type { CertificateInfo as LeafCertificate } from '../../model/tls.js';

export type { LeafCertificate };

/** The peer's leaf certificate, or null when the handshake did not get that far. */
export function leafCertificate(socket: TLSSocket, now = Date.now()): LeafCertificate | null {
  const x509 = socket.getPeerX509Certificate();
  return x509 ? certificateOf(x509, now) : null;
}
