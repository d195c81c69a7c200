// Shared by the links specs: a routing test server that counts concurrent connections, and a way
// to run a probes file through the real loader and runner and read the JSON report back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseConfig } from '../../src/probes/load.js';
import type { ConfigOverrides } from '../../src/config/types.js';
import { jsonReport } from '../../src/report/json.js';
import { runProbes } from '../../src/run/run.js';
import type { RunContext } from '../../src/probes/runner.js';
import { startHttpServer, type TestServer } from '../helpers/servers.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A test server that also knows how many connections were open at once, at most. */
export interface CountingServer extends TestServer {
  /** The most connections open at the moment a request arrived (idle kept-alive ones included). */
  readonly peakConnections: number;
  /** The most requests in progress at once: connections busy with a request (one each, no pipelining). */
  readonly peakActive: number;
  /** Requests per path. */
  readonly hits: Map<string, number>;
  /** Headers of the last request per path. */
  readonly headers: Map<string, IncomingMessage['headers']>;
}

/**
 * Routes by path (query included); unknown paths answer 404. Open connections are sampled when
 * each request arrives. With a fresh connection per request that count can lag: the server may
 * read a new request before it reads the end of the connection the client closed just before,
 * so `peakActive` (connections with a request in progress) is the exact measure there.
 */
export async function startRouter(routes: Record<string, Handler>, fallback?: Handler): Promise<CountingServer> {
  let peak = 0;
  let active = 0;
  let peakActive = 0;
  const box: { server?: TestServer } = {};
  const hits = new Map<string, number>();
  const headers = new Map<string, IncomingMessage['headers']>();
  box.server = await startHttpServer((req, res) => {
    peak = Math.max(peak, box.server?.open ?? 0);
    peakActive = Math.max(peakActive, ++active);
    res.once('close', () => active--);
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    headers.set(path, req.headers);
    const handler = routes[path] ?? fallback ?? ((_q: IncomingMessage, r: ServerResponse) => r.writeHead(404).end('not found'));
    handler(req, res);
  });
  const started = box.server;
  return {
    url: started.url,
    port: started.port,
    get accepted() {
      return started.accepted;
    },
    get open() {
      return started.open;
    },
    get peakConnections() {
      return peak;
    },
    get peakActive() {
      return peakActive;
    },
    hits,
    headers,
    close: () => started.close(),
  };
}

/** A handler that answers after `ms` milliseconds. */
export function delayed(ms: number, handler: Handler): Handler {
  return (req, res) => {
    const timer = setTimeout(() => handler(req, res), ms);
    res.on('close', () => clearTimeout(timer));
  };
}

/** Answers a redirect to `location` (or none at all). */
export function redirect(location: string | null, status = 301): Handler {
  return (_req, res) => res.writeHead(status, location === null ? {} : { location }).end();
}

export const ok: Handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');

export function html(body: string): Handler {
  return (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
}

/** Loads probes.yaml text with the real loader, runs it, and returns the JSON report. */
export async function runYaml(yaml: string, overrides: ConfigOverrides = {}, ctx: Partial<RunContext> = {}) {
  const config = parseConfig(yaml, 'probes.yaml', overrides, {});
  const result = await runProbes(config, { interrupt: new AbortController().signal, ...ctx });
  return { result, report: jsonReport(result) };
}
