// The peer's leaf certificate, read once per TLS handshake, and the `minDaysLeft` check on it.
import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Failure } from '../model/failure.js';
import type { CertificateInfo, TlsInfo } from './transport.js';

const DAY_MS = 86_400_000;

/**
 * What a finished handshake presented; null fields where the stack does not say. The certificate's
 * fields are read when first asked for: parsing them cost ~0.1 ms per TLS connection (~7% of an
 * https sample's CPU), and most samples' certificates are never looked at (a probe reports its last).
 */
export function tlsInfoOf(socket: TLSSocket, now = Date.now()): TlsInfo {
  const x509 = socket.getPeerX509Certificate();
  let certificate: CertificateInfo | null | undefined;
  return {
    version: socket.getProtocol() ?? null,
    get certificate() {
      if (certificate === undefined) certificate = x509 ? certificateOf(x509, now) : null;
      return certificate;
    },
  };
}

/** SPEC's `tls.certificate` from a parsed leaf; null when its expiry cannot be read. */
export function certificateOf(x509: X509Certificate, now = Date.now()): CertificateInfo | null {
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

/** `expect.certificate.minDaysLeft`: a leaf expiring sooner fails as `tls` (also with `insecure`). */
export function checkCertificate(tls: TlsInfo | null, minDaysLeft: number): Failure | null {
  const certificate = tls?.certificate;
  if (!certificate || certificate.daysLeft >= minDaysLeft) return null;
  const when = certificate.daysLeft < 0 ? `expired ${-certificate.daysLeft} day(s) ago` : `expires in ${certificate.daysLeft} day(s)`;
  return {
    class: 'tls',
    code: 'CERT_EXPIRES_SOON',
    reason: `certificate ${when}, under minDaysLeft ${minDaysLeft} (notAfter ${certificate.notAfter}, subject ${certificate.subject})`,
    certificate,
  };
}
