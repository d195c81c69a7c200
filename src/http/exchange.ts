// One HTTP request and its response, measured and classified; redirects are the caller's job.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Failure, Phase } from '../model/failure.js';
import type { PhaseTimings } from '../model/timings.js';
import { classifyError, timeoutIn } from './classify.js';
import type { ConnectAttempt, ConnectionPool } from './connections.js';
import { onAbort } from './on-abort.js';

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
  /** From issuing the request to the last byte of the body (or to the failure). */
  ms: number;
}

export type ExchangeResult = ({ ok: true; response: ExchangeResponse } | { ok: false; failure: Failure }) & Measured;

/** Thrown when the run is interrupted (Ctrl-C): the sample is dropped, not counted as failed. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Sends one request through a leased connection and reads the body up to the size limit. */
export async function exchange(pool: ConnectionPool, req: ExchangeRequest, interrupt?: AbortSignal): Promise<ExchangeResult> {
  if (interrupt?.aborted) throw new Interrupted();
  const lease = pool.acquire(req.url.origin);
  const start = performance.now();
  let headersAt: number | undefined;
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
  const measured = (): Measured => ({ timings: phaseTimings(start, lease.attempt, headersAt), ms: performance.now() - start });

  try {
    const res = await lease.client.request({
      path: req.url.pathname + req.url.search,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
    });
    headersAt = performance.now();
    // A HEAD response's Content-Length describes the body a GET would get: nothing to read here.
    const declared = req.method === 'HEAD' ? 0 : Number(res.headers['content-length']);
    if (declared > req.maxBodySize && !req.truncateBody) {
      // Destroying emits an abort error on the stream; nobody is reading it any more.
      res.body.on('error', () => undefined).destroy();
      pool.release(lease, false);
      return { ok: false, failure: tooLarge(req.maxBodySize), ...measured() };
    }
    const { body, complete } = await readCapped(res.body, req.maxBodySize);
    if (!complete && !req.truncateBody) {
      pool.release(lease, false);
      return { ok: false, failure: tooLarge(req.maxBodySize), ...measured() };
    }
    pool.release(lease, complete);
    const response = { status: res.statusCode, statusText: res.statusText, headers: res.headers, body };
    return { ok: true, response, ...measured() };
  } catch (err) {
    pool.release(lease, false);
    if (stopped === 'interrupt') throw new Interrupted();
    const phase = phaseReached(lease.attempt, headersAt);
    const host = req.url.hostname;
    const failure = stopped === 'timeout' ? timeoutIn(phase, performance.now() - start, host) : classifyError(err, { phase, host });
    return { ok: false, failure, ...measured() };
  } finally {
    clearTimeout(timer);
    unwatch?.();
  }
}

/**
 * Reads a body stream into one buffer of at most `limit` bytes; stops reading once it passes that.
 * Events, not `for await`: an async iterator per response was ~4% of a run's CPU.
 */
function readCapped(body: Readable, limit: number): Promise<{ body: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size));
        // Nothing more is read; the error a destroyed body may emit has no one left to tell.
        body.off('error', reject).on('error', () => undefined).destroy();
        resolve({ body: Buffer.concat(chunks, limit), complete: false });
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    body.once('end', () => resolve({ body: Buffer.concat(chunks, size), complete: true }));
    body.once('error', reject);
  });
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
