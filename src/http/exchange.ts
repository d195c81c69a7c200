// One HTTP request and its response, measured and classified; redirects are the caller's job.
import type { IncomingHttpHeaders } from 'node:http';
import type { Failure, Phase } from '../model/failure.js';
import type { PhaseTimings } from '../model/timings.js';
import { Interrupted } from '../model/interrupted.js';
import { classifyError, timeoutIn } from './classify.js';
import type { ConnectAttempt, ConnectionPool, Lease } from './connections.js';
import { addressTrying } from './connector.js';
import { decodeBody, needsDecoding } from './decode.js';
import { onAbort } from './on-abort.js';
import type { HttpVersion, TlsInfo } from './transport.js';

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  maxBodySize: number;
  /**
   * Stop reading at maxBodySize instead of failing (a link check needs the status, not the whole
   * image): the body is cut there and the connection, mid-body, is not reused.
   */
  truncateBody?: boolean;
  /** performance.now() by which the response must be complete. */
  deadline: number;
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Measured {
  timings: PhaseTimings;
  /** The HTTP version that answered; null when no response head arrived. */
  httpVersion: HttpVersion | null;
  /** The connection's TLS handshake (also one whose certificate was then rejected); null on plain HTTP. */
  tls: TlsInfo | null;
  /** The `address:port` the connection reached (the proxy's, through one); null if it never connected. */
  peer: string | null;
  /** From issuing the request to the last byte of the body (or to the failure). */
  ms: number;
}

export type ExchangeResult = ({ ok: true; response: ExchangeResponse } | { ok: false; failure: Failure }) & Measured;

/**
 * Sends one request through a leased connection and reads the body up to the size limit.
 *
 * undici's dispatch API, not its request(): the response arrives as callbacks, with no body
 * stream and no promise per request in between. That was ~5% of a sample's CPU, and every
 * microsecond spent on one response is added to the latency of the responses queued behind it.
 */
export function exchange(pool: ConnectionPool, req: ExchangeRequest, interrupt?: AbortSignal): Promise<ExchangeResult> {
  if (interrupt?.aborted) return Promise.reject(new Interrupted());
  let lease = pool.acquire(req.url.origin);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let headersAt: number | undefined;
    let head: Omit<ExchangeResponse, 'body'> | null = null;
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let retried = false;
    // A deadline or an interrupt stops the exchange by dropping its connection, which fails the
    // request or the body being read: no AbortController and abort listeners per request. The
    // socket itself is destroyed too, so a pending connect or TLS handshake ends now, on time.
    let stopped: 'timeout' | 'interrupt' | null = null;
    const stop = (why: 'timeout' | 'interrupt') => {
      stopped ??= why;
      lease.cancel();
      pool.release(lease, false);
    };
    const timer = setTimeout(stop, Math.max(0, req.deadline - start), 'timeout');
    const unwatch = interrupt ? onAbort(interrupt, () => stop('interrupt')) : undefined;

    // Results are built field by field. With object spread here, V8 promoted ~150 kB of young
    // objects to the old generation at every scavenge (--trace-gc-nvp), and a 200,000-sample
    // run's peak RSS grew ~40 MiB more than a 2,000-sample run's.
    let timings: PhaseTimings;
    let ms: number;
    /** Ends the exchange once, measured; the connection goes back to the pool only if it is clean to reuse. */
    const end = (reusable: boolean): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      unwatch?.();
      timings = phaseTimings(start, lease.attempt, headersAt);
      ms = performance.now() - start;
      pool.release(lease, reusable);
      return true;
    };
    const succeed = (complete: boolean) => {
      if (!head || !end(complete)) return;
      const { status, statusText, headers } = head;
      const httpVersion = versionOf(lease);
      const tls = lease.tls;
      const peer = lease.peer;
      const body = Buffer.concat(chunks, size);
      const encoding = headers['content-encoding'];
      if (body.length === 0 || !needsDecoding(encoding)) {
        resolve({ ok: true, response: { status, statusText, headers, body }, timings, ms, httpVersion, tls, peer });
        return;
      }
      decodeBody(body, encoding, req.maxBodySize, req.truncateBody === true, (decoded) => {
        if (decoded.ok) resolve({ ok: true, response: { status, statusText, headers, body: decoded.body }, timings, ms, httpVersion, tls, peer });
        // A link check needs the status, not the body: one it cannot decode is kept as it came.
        else if (req.truncateBody) resolve({ ok: true, response: { status, statusText, headers, body }, timings, ms, httpVersion, tls, peer });
        else resolve({ ok: false, failure: decoded.failure, timings, ms, httpVersion, tls, peer });
      });
    };
    const fail = (failure: Failure) => {
      if (end(false)) resolve({ ok: false, failure, timings, ms, httpVersion: headersAt === undefined ? null : versionOf(lease), tls: lease.tls, peer: lease.peer });
    };

    const send = () => {
      // A connection from the pool that the server may have closed meanwhile.
      const reused = lease.reused;
      const bytesBefore = reused ? (lease.socket?.bytesRead ?? 0) : 0;
      const forward = lease.forward;
      lease.client.dispatch(
        {
          // Plain HTTP through a proxy: the request names the whole URL (absolute form).
          path: forward ? req.url.href : req.url.pathname + req.url.search,
          method: req.method,
          headers: forward?.authorization ? { ...req.headers, 'proxy-authorization': forward.authorization } : req.headers,
          body: req.body ?? null,
        },
        {
          onRequestStart() {},
          onResponseStart(_controller, status, headers, statusText) {
            // An interim response (102 Processing, 103 Early Hints): the real one is still to come.
            if (status < 200) return;
            headersAt = performance.now();
            head = { status, statusText: statusText ?? '', headers };
            // A HEAD response's Content-Length describes the body a GET would get: nothing to read here.
            const declared = req.method === 'HEAD' ? 0 : Number(headers['content-length']);
            if (declared > req.maxBodySize && !req.truncateBody) fail(tooLarge(req.maxBodySize));
          },
          onResponseData(_controller, chunk) {
            if (settled) return;
            if (size + chunk.length <= req.maxBodySize) {
              size += chunk.length;
              chunks.push(chunk);
              return;
            }
            // Past the limit: nothing more is read, and the connection, mid-body, is not reused.
            if (!req.truncateBody) return fail(tooLarge(req.maxBodySize));
            chunks.push(chunk.subarray(0, req.maxBodySize - size));
            size = req.maxBodySize;
            succeed(false);
          },
          onResponseEnd() {
            succeed(true);
          },
          onResponseError(_controller, err) {
            if (settled) return;
            if (stopped === 'interrupt') {
              end(false);
              reject(new Interrupted());
              return;
            }
            const phase = phaseReached(lease.attempt, headersAt);
            const host = req.url.hostname;
            const failure = stopped === 'timeout' ? timeoutIn(phase, performance.now() - start, host) : classifyError(err, { phase, host });
            // The server closed a kept-alive connection before answering a byte: what browsers and
            // curl then do, once, is send an idempotent request again on a new connection.
            // Over HTTP/2 the connection carries frames of its own (a GOAWAY, a PING): no headers
            // for this stream is what says the server did not answer it.
            const unanswered = headersAt === undefined && (versionOf(lease) === '2' || (lease.socket?.bytesRead ?? 0) === bytesBefore);
            if (reused && !retried && stopped === null && failure.class === 'reset' && unanswered && IDEMPOTENT.has(req.method)) {
              retried = true;
              pool.release(lease, false);
              lease = pool.acquire(req.url.origin, true);
              chunks = [];
              size = 0;
              send();
              return;
            }
            if (failure.class === 'connect' && lease.attempt) {
              failure.address ??= addressTrying(lease.tunnel ?? lease.socket, lease.attempt.host, lease.attempt.port, lease.attempt.resolved);
              if (lease.attempt.proxy !== undefined) failure.proxy = lease.attempt.proxy;
            }
            fail(failure);
          },
        },
      );
    };
    send();
  });
}

/** Methods a client may send twice (RFC 9110 9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** The version the connection speaks: undici chose HTTP/2 if ALPN agreed on `h2`. */
function versionOf(lease: Lease): HttpVersion {
  return (lease.socket as { alpnProtocol?: string | false } | null)?.alpnProtocol === 'h2' ? '2' : '1.1';
}

function tooLarge(limitBytes: number): Failure {
  return { class: 'protocol', reason: 'body-too-large', limitBytes };
}

/** The phase an exchange had reached, read off the socket events that did happen. */
function phaseReached(attempt: ConnectAttempt | null, headersAt: number | undefined): Phase {
  if (headersAt !== undefined) return 'body';
  if (!attempt) return 'ttfb';
  if (attempt.needsLookup && attempt.lookup === undefined) return 'dns';
  if (attempt.connect === undefined) return 'connect';
  if (attempt.tls && attempt.secure === undefined) return 'tls';
  return 'ttfb';
}

/** Turns socket timestamps into phase durations; a phase that did not happen is null. */
function phaseTimings(start: number, attempt: ConnectAttempt | null, headersAt: number | undefined): PhaseTimings {
  const dns = attempt?.lookup !== undefined ? attempt.lookup - attempt.start : null;
  const connect = attempt?.connect !== undefined ? attempt.connect - (attempt.lookup ?? attempt.start) : null;
  const tls = attempt?.secure !== undefined && attempt.connect !== undefined ? attempt.secure - attempt.connect : null;
  const requestSent = attempt ? (attempt.secure ?? attempt.connect ?? start) : start;
  const ttfb = headersAt !== undefined ? headersAt - requestSent : null;
  return { dns, connect, tls, ttfb };
}
