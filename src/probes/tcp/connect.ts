// One TCP connection, and optionally a TLS handshake on it (SNI = host), within a deadline: the
// unit a tcp probe's sample is made of. Every address the name resolves to is tried in turn, so
// `localhost` reaches a server on ::1 only as curl does. The peer's certificate is read also
// when verification rejects it, so an expired certificate still shows its notAfter.
import { connect as connectTcp, type LookupFunction, type Socket } from 'node:net';
import { connect as connectTls, rootCertificates, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { classifyError, errorCode, timeoutIn } from '../../http/classify.js';
import type { Failure } from '../../model/failure.js';
import { untilDeadline } from '../deadline.js';
import { leafCertificate, type LeafCertificate } from './certificate.js';
import { addressLabel, resolveAddresses, type ResolvedAddress } from './resolve-addresses.js';

export interface TlsClientOptions {
  /** PEM trusted in addition to the system's roots. */
  ca?: string | Buffer;
  /** Client certificate and key (mTLS), PEM; `passphrase` decrypts an encrypted key. */
  cert?: string | Buffer;
  key?: string | Buffer;
  passphrase?: string;
  /** Accept any certificate (it is still read and reported). */
  insecure?: boolean;
}

export interface TcpConnectOptions {
  host: string;
  port: number;
  /** Complete a TLS handshake after connecting. */
  tls?: TlsClientOptions | null;
  timeoutMs: number;
  /** The run's interruption: the attempt rejects with `Interrupted`. */
  signal?: AbortSignal;
  /** Replaces the system resolver (tests, `resolver`, `resolve`). */
  lookup?: LookupFunction;
  family?: 4 | 6;
}

export interface TcpPhases {
  dns: number | null;
  connect: number | null;
  tls: number | null;
}

export interface TcpTlsDetails {
  /** As the TLS stack names it: `TLSv1.3`. */
  version: string | null;
  /** Whether verification (chain and name) accepted the peer. */
  authorized: boolean;
  certificate: LeafCertificate | null;
}

export interface TcpConnectResult {
  failure: Failure | null;
  /** Connect (+ handshake) in ms when they completed; null otherwise. */
  latencyMs: number | null;
  phases: TcpPhases;
  /** The address that accepted the connection. */
  peer: { address: string; port: number; family: 4 | 6 } | null;
  /** Every `address:port` tried, in order; a connect failure is about the last one. */
  tried: string[];
  tls: TcpTlsDetails | null;
}

/** Connects (and shakes hands); never rejects except with `Interrupted`. */
export async function connectTcpProbe(options: TcpConnectOptions): Promise<TcpConnectResult> {
  const deadline = performance.now() + options.timeoutMs;
  const result: TcpConnectResult = { failure: null, latencyMs: null, phases: { dns: null, connect: null, tls: null }, peer: null, tried: [], tls: null };

  const resolved = await resolveAddresses(options.host, { lookup: options.lookup, family: options.family, deadline, signal: options.signal });
  if ('code' in resolved) return { ...result, failure: { class: 'dns', code: resolved.code, host: options.host } };
  result.phases.dns = resolved.lookupMs;

  const connectStarted = performance.now();
  const connected = await firstAccepting(resolved.addresses, options, deadline, result.tried);
  if ('code' in connected) {
    const failure: Failure = connected.timedOut ? timeoutIn('connect', options.timeoutMs, options.host) : { class: 'connect', code: connected.code, timedOut: false };
    return { ...result, failure };
  }
  const { socket, address } = connected;
  result.phases.connect = performance.now() - connectStarted;
  result.peer = { address: address.address, port: options.port, family: address.family };
  if (!options.tls) {
    socket.destroy();
    return { ...result, latencyMs: result.phases.connect };
  }

  const handshakeStarted = performance.now();
  const shaken = await handshake(socket, options.host, options.tls, deadline, options.signal);
  if (shaken.tlsSocket) {
    // Before the handshake completes, OpenSSL names the version the client offered: not an answer.
    const version = shaken.secureAt === null ? null : (shaken.tlsSocket.getProtocol() ?? null);
    result.tls = { version, authorized: shaken.tlsSocket.authorized, certificate: leafCertificate(shaken.tlsSocket) };
    shaken.tlsSocket.destroy();
  }
  socket.destroy();
  if (shaken.secureAt !== null) {
    result.phases.tls = shaken.secureAt - handshakeStarted;
    result.latencyMs = shaken.secureAt - connectStarted;
  }
  if (shaken.timedOut) return { ...result, failure: timeoutIn('tls', options.timeoutMs, options.host) };
  if (shaken.error !== null) return { ...result, failure: tlsFailure(shaken.error) };
  if (result.tls && !result.tls.authorized && !options.tls.insecure) {
    const code = shaken.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
    return { ...result, failure: { class: 'tls', code, reason: rejectionReason(code, result.tls.certificate, options.host) } };
  }
  return result;
}

type Accepted = { socket: Socket; address: ResolvedAddress } | { code: string; timedOut: boolean };

/** Tries each address until one accepts; refused or unreachable ones give way to the next. */
async function firstAccepting(addresses: ResolvedAddress[], options: TcpConnectOptions, deadline: number, tried: string[]): Promise<Accepted> {
  let last: Accepted = { code: 'ECONNREFUSED', timedOut: false };
  for (const address of addresses) {
    tried.push(addressLabel(address.address, options.port));
    last = await connectOnce(address, options.port, deadline, options.signal);
    if ('socket' in last || last.timedOut) return last;
  }
  return last;
}

function connectOnce(address: ResolvedAddress, port: number, deadline: number, signal: AbortSignal | undefined): Promise<Accepted> {
  let keep = false;
  return untilDeadline<Accepted>(
    (settle) => {
      const socket = connectTcp({ host: address.address, port, family: address.family });
      socket.once('connect', () => {
        keep = true;
        settle({ socket, address });
      });
      socket.once('error', (err) => settle({ code: errorCode(err), timedOut: false }));
      return () => {
        if (!keep) socket.destroy();
      };
    },
    { deadline, signal, onDeadline: () => ({ code: 'ETIMEDOUT', timedOut: true }) },
  );
}

interface Handshake {
  tlsSocket: TLSSocket | null;
  secureAt: number | null;
  authorizationError: string | null;
  error: unknown;
  timedOut: boolean;
}

/**
 * A TLS handshake on `socket`, verified the way Node verifies (chain and name) but without
 * aborting on rejection, so the certificate is known either way. Under TLS 1.3 a server that
 * rejects the client's certificate says so only after the client's handshake is done: the first
 * thing the server sends next (its session ticket, or that alert) is awaited for a short grace.
 */
function handshake(socket: Socket, host: string, tls: TlsClientOptions, deadline: number, signal: AbortSignal | undefined): Promise<Handshake> {
  const state: Handshake = { tlsSocket: null, secureAt: null, authorizationError: null, error: null, timedOut: false };
  return untilDeadline<Handshake>(
    (settle) => {
      let tlsSocket: TLSSocket;
      try {
        tlsSocket = connectTls({
          socket,
          host,
          servername: isIP(host) === 0 ? host : undefined,
          rejectUnauthorized: false,
          ...(tls.ca !== undefined ? { ca: [...rootCertificates, tls.ca.toString()] } : {}),
          ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
          ...(tls.key !== undefined ? { key: tls.key } : {}),
          ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
        });
      } catch (err) {
        // A key that cannot be read (a wrong passphrase) throws before any byte is sent.
        state.error = err;
        settle(state);
        return () => undefined;
      }
      state.tlsSocket = tlsSocket;
      let grace: NodeJS.Timeout | undefined;
      tlsSocket.once('secureConnect', () => {
        state.secureAt = performance.now();
        state.authorizationError = tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : null;
        if (tlsSocket.getProtocol() !== 'TLSv1.3') return settle(state);
        grace = setTimeout(() => settle(state), Math.max(0, Math.min(TLS13_GRACE_MS, deadline - performance.now())));
        tlsSocket.once('session', () => settle(state));
        tlsSocket.once('data', () => settle(state));
      });
      tlsSocket.once('error', (err) => {
        state.error = err;
        settle(state);
      });
      tlsSocket.once('close', () => {
        // Closed before the handshake finished: the server would not speak TLS with us.
        if (state.secureAt === null && state.error === null) state.error = Object.assign(new Error('the server closed the connection during the TLS handshake'), { code: 'ECONNRESET' });
        settle(state);
      });
      return () => clearTimeout(grace);
    },
    {
      deadline,
      signal,
      onDeadline: () => {
        // A stall after the handshake completed (waiting for the 1.3 ticket) is not a failure.
        if (state.secureAt === null) state.timedOut = true;
        return state;
      },
    },
  ).catch((err: unknown) => {
    state.tlsSocket?.destroy();
    throw err;
  });
}

/**
 * How long a TLS 1.3 client waits after its handshake for the server's ticket or rejection. Most
 * servers send a ticket at once, so this is waited in full only on servers that send none; 100 ms
 * let a rejection slip through on a loaded machine, so it is a second (within the deadline).
 */
const TLS13_GRACE_MS = 1000;

/** Why verification rejected the certificate, with what the certificate says (the code stays beside it). */
function rejectionReason(code: string, certificate: LeafCertificate | null, host: string): string {
  if (certificate === null) return code;
  if (code === 'CERT_HAS_EXPIRED') return `certificate expired ${certificate.notAfter} (${code})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `certificate (${certificate.subject}) is not for ${host} (${code})`;
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|DEPTH_ZERO/.test(code)) return `certificate issued by ${certificate.issuer} is not trusted (${code})`;
  return code;
}

function tlsFailure(err: unknown): Failure {
  return classifyError(err, { phase: 'tls', host: '' });
}
