// Opens the socket for one connection the way the transport options say: directly, to a `resolve`
// address, or through an HTTP proxy (a CONNECT tunnel for https, absolute-form requests for http),
// with HTTP/2 offered by ALPN, the extra CA, the client certificate, and the peer's certificate
// recorded. Timestamps for the phases are taken from the sockets' own events.
import { readFileSync } from 'node:fs';
import { isIP, type Socket } from 'node:net';
import { checkServerIdentity, createSecureContext, rootCertificates, type TLSSocket } from 'node:tls';
import { tlsInfoOf } from './certificate.js';
import { isLocalhost, loopbackLookup, resolveOverride, resolverLookup } from './names.js';
import { proxyChooser, type Proxy, type ProxyChooser } from './proxy.js';
import type { ConnectionOptions, TlsInfo } from './transport.js';
import { buildConnector, type Connector } from './undici.js';

/** Timestamps (performance.now()) of one connection attempt. */
export interface ConnectAttempt {
  start: number;
  /** Set when the name needed resolving: an IP literal has no lookup. */
  lookup?: number;
  /** TCP connected; through a proxy tunnel, the tunnel open (the proxy answered CONNECT). */
  connect?: number;
  secure?: number;
  tls: boolean;
  needsLookup: boolean;
  /** Where the socket goes (the proxy, through one): to name it when a connect fails. */
  host: string;
  port: number;
  /** The address the name resolved to (the first, with several). */
  resolved?: string | undefined;
  /** The proxy this connection goes through, as shown to people (no credentials). */
  proxy?: string;
}

/** What the connector tells the connection's owner as the connection is made. */
export interface ConnectionState {
  attempt: ConnectAttempt | null;
  /** The socket HTTP runs on, and the proxy connection under it when tunnelled. */
  socket: Socket | null;
  tunnel: Socket | null;
  /** The last handshake's certificate and version; null on plain HTTP. */
  tls: TlsInfo | null;
  /** The `address:port` this connection reached (the proxy's, through one), set when TCP connected; null until then. */
  peer: string | null;
  /** Plain HTTP through a proxy: requests go in absolute form, with this Proxy-Authorization. */
  forward: { authorization: string | null } | null;
}

/** A connection to the proxy, or the proxy's answer to CONNECT, failed: always class `connect`. */
export class ProxyError extends Error {
  constructor(
    readonly code: string,
    readonly proxy: string,
    readonly address: string | undefined,
    readonly status?: number,
  ) {
    super(status === undefined ? `proxy ${proxy}: ${code}` : `proxy ${proxy} answered ${status} to CONNECT`);
  }
}

export interface Opener {
  open(opts: Parameters<Connector>[0], state: ConnectionState, callback: Parameters<Connector>[1]): void;
  /**
   * For a plain-HTTP origin sent through a proxy, how its requests go (absolute form, with this
   * Proxy-Authorization); null otherwise. Known before the first request: undici connects lazily.
   */
  forwardFor(origin: string): ConnectionState['forward'];
}

/**
 * One opener per options object, shared by every pool made with them: a probe makes a pool per
 * sample, and building the connector (TLS options, trust store) for each was waste.
 */
const openers = new WeakMap<ConnectionOptions, Opener>();

export function openerFor(options: ConnectionOptions): Opener {
  let opener = openers.get(options);
  if (!opener) {
    opener = buildOpener(options);
    openers.set(options, opener);
  }
  return opener;
}

function buildOpener(options: ConnectionOptions): Opener {
  const lookup = options.lookup ?? (options.resolver ? resolverLookup(options.resolver, options.timeoutMs) : undefined);
  // Built once: parsing the trust store with `ca` added, or a client key, costs milliseconds,
  // and tls.connect would do it for every connection.
  const secureContext =
    options.ca !== undefined || options.cert !== undefined || options.key !== undefined
      ? createSecureContext({
          ...(options.ca !== undefined ? { ca: trustStore(options.ca) } : {}),
          ...(options.cert !== undefined ? { cert: options.cert } : {}),
          ...(options.key !== undefined ? { key: options.key } : {}),
          ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
        })
      : undefined;
  const connectorWith = (lookupFn: typeof lookup) =>
    buildConnector({
      timeout: options.timeoutMs,
      // Verified in `verified` below, the same checks Node makes: the certificate is then known
      // even when it is rejected.
      rejectUnauthorized: false,
      // A resumed TLS session would make a "first visit" look cheaper than it is.
      maxCachedSessions: 0,
      allowH2: options.http2 !== false,
      ...(secureContext ? { secureContext } : {}),
      ...(options.ipFamily !== undefined ? { family: options.ipFamily } : {}),
      ...(lookupFn ? { lookup: lookupFn } : {}),
    });
  const base = connectorWith(lookup);
  // A test's own lookup or a chosen DNS server is asked about `localhost` too.
  let loopback: Connector | null = lookup ? base : null;
  const localhostConnector = () => (loopback ??= connectorWith(loopbackLookup));
  const proxies: ProxyChooser | null = proxyChooser(options.proxy);
  const resolve = options.resolve ? lowerCaseKeys(options.resolve) : undefined;
  const insecure = options.insecure === true;

  const open: Opener['open'] = (opts, state, callback) => {
    const https = opts.protocol === 'https:';
    const port = Number(opts.port) || (https ? 443 : 80);
    const proxy = proxies?.choose({ protocol: opts.protocol ?? 'http:', hostname: opts.hostname, port: String(port) }) ?? null;
    const target = resolveOverride(resolve, opts.hostname, port) ?? opts.hostname;
    const host = proxy ? proxy.host : target;
    const attempt: ConnectAttempt = { start: performance.now(), tls: https, needsLookup: isIP(host) === 0, host, port: proxy ? proxy.port : port };
    state.attempt = attempt;
    state.tls = null;
    state.tunnel = null;
    state.peer = null;
    // SNI and the certificate check keep the URL's host when `resolve` sends the socket elsewhere.
    const servername = !https || opts.servername ? opts.servername : isIP(opts.hostname) === 0 ? opts.hostname : undefined;
    const connector = isLocalhost(target) && !proxy ? localhostConnector() : base;
    const done = https ? verified(state, servername, insecure, callback) : callback;

    if (proxy) {
      attempt.proxy = proxy.label;
      if (https) return tunnel(connector, proxy, { ...opts, servername }, state, attempt, done);
      const socket = connector({ ...opts, protocol: 'http:', hostname: proxy.host, port: String(proxy.port) }, (err, sock) =>
        err ? callback(new ProxyError(codeOf(err), proxy.label, addressTrying(socket, proxy.host, proxy.port)), null) : callback(null, sock),
      ) as unknown as Socket;
      state.socket = socket;
      observe(socket, attempt, state);
      return;
    }
    // The common case passes undici's own options object on: no copy per connection.
    const direct = target === opts.hostname && servername === opts.servername ? opts : { ...opts, hostname: target, servername };
    const socket = connector(direct, done) as unknown as Socket;
    state.socket = socket;
    observe(socket, attempt, state);
  };
  const forwardFor: Opener['forwardFor'] = (origin) => {
    if (!proxies || !origin.startsWith('http:')) return null;
    const url = new URL(origin);
    const proxy = proxies.choose({ protocol: url.protocol, hostname: url.hostname, port: url.port });
    return proxy ? { authorization: proxy.authorization } : null;
  };
  return { open, forwardFor };
}

/** Phase timestamps, and the address reached, from the socket's own events. */
function observe(socket: Socket, attempt: ConnectAttempt, state: ConnectionState): void {
  socket.once('lookup', (_err: Error | null, address: string | undefined) => {
    attempt.lookup = performance.now();
    attempt.resolved = address;
  });
  socket.once('connect', () => {
    attempt.connect ??= performance.now();
    state.peer = reached(socket, attempt);
  });
}

/**
 * The `address:port` a socket connected to, from what connecting already knew: the last address
 * happy eyeballs tried, else the one the name resolved to, else the IP literal. Asking the socket
 * (getpeername) cost ~2% of a fresh-connection sample's CPU.
 */
function reached(socket: Socket, attempt: ConnectAttempt): string {
  const tried = (socket as { autoSelectFamilyAttemptedAddresses?: string[] }).autoSelectFamilyAttemptedAddresses;
  const last = tried?.[tried.length - 1];
  if (last === undefined) return hostPort(attempt.resolved ?? attempt.host, attempt.port);
  const colon = last.lastIndexOf(':');
  return hostPort(last.slice(0, colon), Number(last.slice(colon + 1)));
}

/**
 * The `address:port` a connection that never connected was trying, read only when it failed:
 * Node lists what happy eyeballs attempted; an IP literal was tried as it is.
 */
export function addressTrying(socket: Socket | null, hostname: string, port: number, resolved?: string): string | undefined {
  const attempted = (socket as { autoSelectFamilyAttemptedAddresses?: string[] } | null)?.autoSelectFamilyAttemptedAddresses;
  if (attempted && attempted.length > 0) return attempted.join(', ');
  if (isIP(hostname) !== 0) return hostPort(hostname, port);
  return resolved ? hostPort(resolved, port) : undefined;
}

/**
 * https through a proxy: TCP to the proxy, `CONNECT host:port`, then TLS with the target over the
 * tunnel. `connect` then ends when the proxy says the tunnel is open, and `tls` is the handshake
 * with the target itself.
 */
function tunnel(
  connector: Connector,
  proxy: Proxy,
  opts: Parameters<Connector>[0],
  state: ConnectionState,
  attempt: ConnectAttempt,
  callback: Parameters<Connector>[1],
): void {
  const authority = `${isIP(opts.hostname) === 6 ? `[${opts.hostname}]` : opts.hostname}:${Number(opts.port) || 443}`;
  const fail = (err: ProxyError) => {
    raw.destroy();
    callback(err, null);
  };
  const raw = connector({ ...opts, protocol: 'http:', hostname: proxy.host, port: String(proxy.port), servername: undefined }, (err, sock) => {
    if (err) return fail(new ProxyError(codeOf(err), proxy.label, addressTrying(raw, proxy.host, proxy.port)));
    const socket = sock;
    const auth = proxy.authorization ? `proxy-authorization: ${proxy.authorization}\r\n` : '';
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n${auth}\r\n`);
    readResponseHead(socket, (status, rest) => {
      if (status === null) return fail(new ProxyError('ECONNRESET', proxy.label, undefined));
      if (status < 200 || status > 299) return fail(new ProxyError('PROXY_CONNECT_REFUSED', proxy.label, undefined, status));
      attempt.connect = performance.now();
      if (rest.length > 0) socket.unshift(rest);
      const secure = connector({ ...opts, httpSocket: socket }, callback) as unknown as Socket;
      state.socket = secure;
    });
  }) as unknown as Socket;
  state.socket = raw;
  state.tunnel = raw;
  raw.once('lookup', (_err: Error | null, address: string | undefined) => {
    attempt.lookup = performance.now();
    attempt.resolved = address;
  });
  raw.once('connect', () => (state.peer = reached(raw, attempt)));
}

const MAX_PROXY_HEAD = 16 * 1024;

/** Reads a proxy's answer to CONNECT up to the blank line; null status if it closed or babbled first. */
function readResponseHead(socket: Socket, done: (status: number | null, rest: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  const finish = (status: number | null, rest: Buffer) => {
    socket.off('data', onData).off('end', onEnd).off('close', onEnd);
    done(status, rest);
  };
  const onEnd = () => finish(null, Buffer.alloc(0));
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1) {
      if (buffered.length > MAX_PROXY_HEAD) finish(null, Buffer.alloc(0));
      return;
    }
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(buffered.subarray(0, end).toString('latin1'));
    socket.pause();
    finish(match ? Number(match[1]) : null, buffered.subarray(end + 4));
  };
  socket.on('data', onData).once('end', onEnd).once('close', onEnd);
}

/**
 * The checks Node makes with rejectUnauthorized (chain, then name), made after the handshake so
 * that the certificate is recorded either way; `insecure` records it and skips the checks.
 */
function verified(state: ConnectionState, servername: string | undefined, insecure: boolean, callback: Parameters<Connector>[1]): Parameters<Connector>[1] {
  return (err, sock) => {
    if (err) return callback(err, null);
    const socket = sock as unknown as TLSSocket;
    // Now, not from the socket's event: a rejected certificate ends the exchange before that fires.
    if (state.attempt) state.attempt.secure = performance.now();
    state.tls = tlsInfoOf(socket);
    if (insecure || socket.authorized) return callback(null, sock);
    const error = certificateError(socket, servername);
    socket.destroy();
    callback(error, null);
  };
}

const CERTIFICATE_WORDS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
};

function certificateError(socket: TLSSocket, servername: string | undefined): Error {
  const reason = socket.authorizationError as unknown;
  const code = typeof reason === 'string' ? reason : ((reason as { code?: string } | null)?.code ?? 'CERT_REJECTED');
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const identity = checkServerIdentity(servername ?? socket.remoteAddress ?? '', socket.getPeerCertificate());
    if (identity) return identity;
  }
  return Object.assign(new Error(CERTIFICATE_WORDS[code] ?? code), { code });
}

/** `ca` is added to the default store, not put in its place (NODE_EXTRA_CA_CERTS included). */
function trustStore(ca: string): string[] {
  const extraFile = process.env['NODE_EXTRA_CA_CERTS'];
  let extra: string[] = [];
  if (extraFile) {
    try {
      extra = [readFileSync(extraFile, 'utf8')];
    } catch {
      // Node has already warned at start-up about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  return [...rootCertificates, ...extra, ca];
}

function lowerCaseKeys(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key.toLowerCase(), value]));
}

function codeOf(err: unknown): string {
  const { code, errors } = (err ?? {}) as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length > 0) return codeOf(errors[0]);
  return 'ECONNREFUSED';
}

export function hostPort(ip: string, port: number): string {
  return `${isIP(ip) === 6 ? `[${ip}]` : ip}:${port}`;
}
