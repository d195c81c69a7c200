// What a sample learned about the connection that answered it: HTTP version and TLS certificate.

/** The HTTP version that answered an exchange. */
export type HttpVersion = '1.1' | '2';

/** The leaf certificate a TLS handshake presented (SPEC's `tls.certificate`). */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notAfter: string;
  /** Whole days until notAfter, rounded down (negative once expired). */
  daysLeft: number;
}

/** The last TLS handshake of an exchange's connection. */
export interface TlsInfo {
  /** As the TLS stack names it: `TLSv1.3`, `TLSv1.2`. */
  version: string | null;
  certificate: CertificateInfo | null;
}
