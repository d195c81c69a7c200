// Turns one HTTP request into one answer: route lookup, the scenario's bend, any delay, then the write.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EDGE_HEADERS } from './edge.js';
import { findRoute } from './routes.js';
import { SCENARIO_BEHAVIOURS, type ScenarioName } from './scenarios.js';
import type { TargetResponse } from './response.js';

/** Header on every answer, so a probe's report can show which scenario it ran against. */
export const SCENARIO_HEADER = 'x-upprobe-target-scenario';

/** The request listener plus what close() needs to leave nothing behind. */
export interface TargetHandler {
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** Cancels every delayed answer still waiting, so no timer outlives the server. */
  cancelPending: () => void;
}

function ignore(): void {}

/** Request bodies are forms: anything bigger is refused rather than buffered. */
const MAX_BODY_BYTES = 64 * 1024;

/** The request body as text; null when it is too large or the client went away mid-body. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('close', () => resolve(null)); // after 'end' this changes nothing
  });
}

function tooLarge(): TargetResponse {
  return { status: 413, contentType: 'text/plain; charset=utf-8', body: 'request body too large\n' };
}

// The path without the query string; the route table matches paths only.
function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}

function write(request: IncomingMessage, response: ServerResponse, answer: TargetResponse, scenario: ScenarioName): void {
  if (response.destroyed || response.writableEnded) return; // the client already went away
  const body = Buffer.from(answer.body, 'utf8');
  response.writeHead(answer.status, answer.statusText, {
    ...EDGE_HEADERS,
    ...answer.headers,
    'content-type': answer.contentType,
    'content-length': body.length,
    'cache-control': 'no-store',
    [SCENARIO_HEADER]: scenario,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** A request listener for one scenario; per-route counters make each (seed, route, k) repeatable. */
export function createTargetHandler(scenario: ScenarioName, seed: number): TargetHandler {
  const behaviour = SCENARIO_BEHAVIOURS[scenario];
  const requestCounts = new Map<string, number>();
  const pending = new Set<NodeJS.Timeout>();

  function handle(request: IncomingMessage, response: ServerResponse): void {
    // A client that resets mid-exchange makes these emit 'error'; that is the client's problem, not a crash.
    request.on('error', ignore);
    response.on('error', ignore);

    const route = findRoute(request.method ?? 'GET', pathOf(request.url));
    const index = requestCounts.get(route.name) ?? 0;
    requestCounts.set(route.name, index + 1);
    if (behaviour.hang) return;

    const hit = { route, index, seed };
    void readBody(request).then((body) => {
      const method = request.method ?? 'GET';
      const answer = body === null ? tooLarge() : (behaviour.override?.(hit) ?? route.respond({ method, path: pathOf(request.url), headers: request.headers, body }));
      answerAfter(behaviour.delayMs?.(hit) ?? 0, request, response, answer);
    });
  }

  function answerAfter(delayMs: number, request: IncomingMessage, response: ServerResponse, answer: TargetResponse): void {
    if (delayMs <= 0) {
      write(request, response, answer, scenario);
      return;
    }
    const timer = setTimeout(() => {
      pending.delete(timer);
      write(request, response, answer, scenario);
    }, delayMs);
    pending.add(timer);
    response.on('close', () => {
      clearTimeout(timer);
      pending.delete(timer);
    });
  }

  function cancelPending(): void {
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
  }

  return { handle, cancelPending };
}
