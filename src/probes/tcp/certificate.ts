// The leaf certificate a TLS handshake presented, as SPEC's `tls.certificate` reads it.
import type { TLSSocket } from 'node:tls';
import type { CertificateInfo as LeafCertificate } from '../../model/tls.js';

const DAY_MS = 86_400_000;

export type { LeafCertificate };

/** The peer's leaf certificate, or null when the handshake did not get that far. */
export function leafCertificate(socket: TLSSocket, now = Date.now()): LeafCertificate | null {
  const x509 = socket.getPeerX509Certificate();
  if (!x509) return null;
  const notAfter = new Date(x509.validTo);
  if (Number.isNaN(notAfter.getTime())) return null;
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now) / DAY_MS),
  };
}

/** Node gives a DN one attribute per line; one line reads better in a table and in JSON. */
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).join(', ');
}
