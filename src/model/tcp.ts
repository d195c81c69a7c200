// What a tcp probe adds to its result: the address that accepted. (Its handshake's version and
// certificate are the `tls` every probe has, model/tls.ts; the tcp kind itself is src/probes/tcp/.)

export interface TcpData {
  kind: 'tcp';
  /** `127.0.0.1:443` of the last sample that connected; null when none did. */
  peer: string | null;
}
