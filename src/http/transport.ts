// How requests reach a service: the one options object a probe hands down to its connections
// (SPEC, "Reaching real services the way their users do"). Every field is optional and the empty
// object means what upprobe always did: direct connections, the system's resolver and trust store.
import type { LookupFunction } from 'node:net';

/** The connection-level fields: they decide which socket a request travels on. */
export interface TransportOptions {
  /**
   * An `http://[user:pass@]host:port` proxy, `'none'` to ignore the environment's, or undefined
   * to follow `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (see proxy.ts).
   */
  proxy?: string | undefined;
  /** Offer HTTP/2 by ALPN on https (default true); false speaks HTTP/1.1 only. */
  http2?: boolean | undefined;
  /** PEM bundle trusted in addition to the default store (the text, not a path: config/ reads files). */
  ca?: string | undefined;
  /** Client certificate and key, PEM text (mTLS), and the key's passphrase. */
  cert?: string | undefined;
  key?: string | undefined;
  passphrase?: string | undefined;
  /** curl --resolve: `{ "host[:port]": "address" }`; Host and SNI keep the URL's host. */
  resolve?: Readonly<Record<string, string>> | undefined;
  /** `host[:port]` of a DNS server to ask instead of the system resolver. */
  resolver?: string | undefined;
  /** Only this address family. */
  ipFamily?: 4 | 6 | undefined;
  /** Accept any certificate (still recorded, and still checked against `minDaysLeft`). */
  insecure?: boolean | undefined;
}

/** What a connection pool needs: the transport, plus the per-request connect deadline. */
export interface ConnectionOptions extends TransportOptions {
  timeoutMs: number;
  /** Replaces DNS resolution: tests use it to make names fail without asking a resolver. */
  lookup?: LookupFunction | undefined;
}

export type { CertificateInfo, HttpVersion, TlsInfo } from '../model/tls.js';

/**
 * The same ConnectionOptions object for the same settings: connectors, trust stores and client
 * keys are built once per object (connector.ts), however many pools a probe makes.
 */
const known = new WeakMap<TransportOptions, Map<string, ConnectionOptions>>();

export function connectionOptions(transport: TransportOptions, timeoutMs: number, insecure: boolean, lookup?: LookupFunction): ConnectionOptions {
  // A test's own lookup makes its own object (it is not part of any key).
  if (lookup) return { ...transport, timeoutMs, insecure, lookup };
  let byKey = known.get(transport);
  if (!byKey) known.set(transport, (byKey = new Map<string, ConnectionOptions>()));
  const key = `${timeoutMs}|${insecure}`;
  let options = byKey.get(key);
  if (!options) byKey.set(key, (options = { ...transport, timeoutMs, insecure }));
  return options;
}
