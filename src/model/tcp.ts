// What a tcp probe adds to its result: who answered, and the TLS handshake's version and leaf
// certificate (SPEC's `tls` block). (The tcp kind itself is src/probes/tcp/.)

/** SPEC's `tls.certificate`: the leaf certificate a handshake presented. */
export interface LeafCertificate {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notAfter: string;
  /** Whole days until notAfter, rounded down (negative once expired). */
  daysLeft: number;
}

export interface TcpData {
  kind: 'tcp';
  /** `127.0.0.1:443` of the last sample that connected; null when none did. */
  peer: string | null;
  /**
   * From the last sample whose handshake reached the certificate (also one that verification then
   * rejected); null without `tls: true` or when no handshake got that far.
   */
  tls: { version: string | null; certificate: LeafCertificate | null } | null;
}
