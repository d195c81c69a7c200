// Maps low-level errors (Node's errno codes, TLS codes, undici's errors) to SPEC failure classes.
// The phase the exchange had reached breaks ties: any error during the TLS handshake is `tls`,
// and a timeout names the phase it ran out in.
import type { Failure, Phase } from '../model/failure.js';
import { hostPort, ProxyError } from './connector.js';
import { ResolverError } from './names.js';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'EAI_ADDRFAMILY']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);
// ERR_ASSERTION: a response that broke an assumption inside undici's parser (a status line of 099).
const PROTOCOL_CODES = new Set(['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_INFO', 'ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN', 'ERR_ASSERTION']);

/** What the exchange knew when the error arrived. */
export interface ErrorContext {
  phase: Phase;
  host: string;
}

/** Reads `code` from an error, including from an AggregateError's first member (happy eyeballs). */
export function errorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return 'UNKNOWN';
  const { code, errors } = err as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  return 'UNKNOWN';
}

/** The one class for a transport error, by SPEC precedence. */
export function classifyError(err: unknown, ctx: ErrorContext): Failure {
  if (err instanceof ProxyError) return proxyFailure(err);
  if (err instanceof ResolverError) return { class: 'dns', code: err.code, host: err.hostname, server: err.server };
  const code = errorCode(err);
  if (DNS_CODES.has(code)) return { class: 'dns', code, host: ctx.host };
  if (CONNECT_CODES.has(code)) {
    const address = addressesTried(err);
    return address ? { class: 'connect', code, timedOut: false, address } : { class: 'connect', code, timedOut: false };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return timeoutIn(ctx.phase, 0, ctx.host);
  if (ctx.phase === 'tls' || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || isCertificateCode(code)) {
    return { class: 'tls', code, reason: tlsReason(err, code) };
  }
  if (code.startsWith('HPE_') || code.startsWith('ERR_HTTP2_INVALID') || PROTOCOL_CODES.has(code) || isParserError(err) || isBadResponse(err, code, ctx.phase)) {
    return { class: 'protocol', reason: 'malformed', code: code === 'UNKNOWN' ? 'HPE' : code };
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return { class: 'protocol', reason: 'body-too-large', code };
  if (RESET_CODES.has(code)) return { class: 'reset', phase: ctx.phase, code };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return timeoutIn(ctx.phase, 0, ctx.host);
  // Anything else that broke the exchange mid-way is, from the outside, a broken connection.
  return { class: 'reset', phase: ctx.phase, code };
}

/**
 * A deadline that ran out. Not resolving in time is a `dns` failure and not being accepted in
 * time a `connect` failure (SPEC); later phases are `timeout`, naming the phase.
 */
export function timeoutIn(phase: Phase, afterMs: number, host: string): Failure {
  if (phase === 'dns') return { class: 'dns', code: 'ETIMEOUT', host };
  if (phase === 'connect') return { class: 'connect', code: 'ETIMEDOUT', timedOut: true };
  return { class: 'timeout', phase, afterMs };
}

function proxyFailure(err: ProxyError): Failure {
  const timedOut = err.code === 'ETIMEDOUT' || err.code === 'UND_ERR_CONNECT_TIMEOUT';
  return {
    class: 'connect',
    code: err.code,
    timedOut,
    proxy: err.proxy,
    ...(err.address !== undefined ? { address: err.address } : {}),
    ...(err.status !== undefined ? { proxyStatus: err.status } : {}),
  };
}

/**
 * The `address:port` a failed connect tried: one, or several joined when happy eyeballs tried
 * both families (Node then reports an AggregateError of one error per address).
 */
export function addressesTried(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { address, port, errors } = err as { address?: unknown; port?: unknown; errors?: unknown };
  if (typeof address === 'string' && typeof port === 'number') return hostPort(address, port);
  if (!Array.isArray(errors)) return undefined;
  const tried = errors.map(addressesTried).filter((a): a is string => a !== undefined);
  return tried.length > 0 ? [...new Set(tried)].join(', ') : undefined;
}

/** OpenSSL's own messages name source files and span lines; its code says the same in words. */
function tlsReason(err: unknown, code: string): string {
  const message = err instanceof Error ? err.message : code;
  if (!message.includes('SSL routines') && !message.includes('\n')) return message;
  return code.replace(/^ERR_SSL_/, '').replace(/_/g, ' ').toLowerCase();
}

function isCertificateCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|DEPTH_ZERO/.test(code);
}

/**
 * Errors undici reports as a socket or length problem that are really unparseable responses: an
 * unsolicited "100 Continue" or response ("bad response"), and a conflicting Content-Length
 * (two values, or one beside chunked), which undici names a length mismatch before the body began.
 */
function isBadResponse(err: unknown, code: string, phase: Phase): boolean {
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return phase !== 'body';
  return code === 'UND_ERR_SOCKET' && err instanceof Error && /^bad (response|upgrade)$/.test(err.message);
}

/** undici's llhttp errors do not always carry a code, but always this name. */
function isParserError(err: unknown): boolean {
  return err instanceof Error && err.name === 'HTTPParserError';
}
