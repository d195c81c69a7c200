// One HTTP request that sends a run's metrics somewhere, with a deadline it cannot outlive.
// Failures are values with a one-line message naming the destination (never its credentials),
// so the caller can report them after the other outputs and exit 2 (SPEC, exit codes).
// All of undici (~100 ms to load, src/http/undici.ts): this module is loaded only when a run
// pushes (push-sink.ts imports the transports when it delivers).
import { Agent, request as send } from 'undici';
import { displayUrl, type PushTarget } from './target.js';

/** How a push ended; a failure's one-line message names the push and its URL. */
export type PushOutcome = { ok: true; status: number } | { ok: false; message: string };

/** A failed push's outcome, its message in the one wording every push uses. */
export function pushFailed(what: string, url: URL, reason: string): PushOutcome {
  return { ok: false, message: `${what} to ${displayUrl(url)} failed: ${reason}` };
}

/** Options every push takes. */
export interface PushOptions {
  /** The whole push (connect, send, answer) gives up after this. */
  timeoutMs: number;
  /** Sent as `Authorization: Bearer …` unless the URL carries `user:password@`. */
  bearerToken?: string | undefined;
  /** Stops the push early, e.g. when the run is interrupted. */
  signal?: AbortSignal | undefined;
}

export interface PushRequest {
  /** Names the kind of push in messages ("Pushgateway push", "remote write"). */
  what: string;
  method: 'PUT' | 'POST';
  target: PushTarget;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** An error body is quoted in the message up to this many characters. */
const QUOTED_BODY_CHARS = 200;
/** Of an answer's body, at most this much is read. */
const READ_BYTES = 4096;

export async function sendPush(request: PushRequest, options: PushOptions): Promise<PushOutcome> {
  const { what, target } = request;
  const fail = (reason: string) => pushFailed(what, target.url, reason);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  // A dispatcher of its own, destroyed after: no idle keep-alive socket outlives the push.
  const agent = new Agent({ connectTimeout: options.timeoutMs, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  const headers: Record<string, string> = { 'user-agent': 'upprobe', ...request.headers };
  if (target.authorization) headers.authorization = target.authorization;
  try {
    const response = await send(target.url, { method: request.method, headers, body: request.body, dispatcher: agent, signal });
    const text = await readSome(response.body);
    if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, status: response.statusCode };
    return fail(`HTTP ${response.statusCode}${quote(text)}`);
  } catch (err) {
    if (timeout.aborted) return fail(`no answer within ${options.timeoutMs} ms`);
    if (options.signal?.aborted) return fail('interrupted');
    return fail(describeError(err));
  } finally {
    agent.destroy().catch(() => undefined);
  }
}

/** The start of an answer's body: enough to quote, however much a server sends. */
async function readSome(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= READ_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks).toString('utf8');
}

/** The answer's body on one line, cut short: the server's reason, e.g. Pushgateway's. */
function quote(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (line === '') return '';
  return `: ${line.length > QUOTED_BODY_CHARS ? `${line.slice(0, QUOTED_BODY_CHARS)}…` : line}`;
}

function describeError(err: unknown): string {
  const { code, message, errors } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown; errors?: unknown };
  // Happy eyeballs reports every address tried; the first says what went wrong.
  if (typeof code !== 'string' && Array.isArray(errors) && errors.length > 0) return describeError(errors[0]);
  const text = typeof message === 'string' && message !== '' ? message.split('\n')[0] : String(err);
  return typeof code === 'string' && !(text ?? '').includes(code) ? `${text} (${code})` : (text ?? String(err));
}
