// The built-in target: a small X-like service on loopback that `upprobe demo` and the tests probe.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTargetHandler } from './handler.js';
import type { ScenarioName } from './scenarios.js';

export { SCENARIO_HEADER } from './handler.js';
export { DEMO_PASSWORD, DEMO_USER } from './login.js';
export { SCENARIOS, SCENARIO_DESCRIPTIONS, isScenario, type ScenarioName } from './scenarios.js';

/** Seed used when none is given, so two runs of the same scenario fail the same requests. */
export const DEFAULT_SEED = 1;

/** How long an idle keep-alive connection stays open; long enough for a probe run to reuse it. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Where and how to start the target; every field has a default. */
export interface TargetOptions {
  /** Default 127.0.0.1: the target is for loopback. */
  host?: string;
  /** Default 0: a free port, read back from RunningTarget. */
  port?: number;
  /** Default healthy. */
  scenario?: ScenarioName;
  /** Default DEFAULT_SEED; decides which requests fail in scenarios that fail some. */
  seed?: number;
}

/** A started target: where it listens, and how to stop it. */
export interface RunningTarget {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43123 */
  url: string;
  port: number;
  scenario: ScenarioName;
  /** Stops listening and drops every connection, hung or delayed ones too; safe to call twice. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts the target and resolves once it listens; rejects if the port cannot be bound. */
export async function startTarget(options: TargetOptions = {}): Promise<RunningTarget> {
  const host = options.host ?? '127.0.0.1';
  const scenario = options.scenario ?? 'healthy';
  const handler = createTargetHandler(scenario, options.seed ?? DEFAULT_SEED);
  const server = createServer(handler.handle);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      handler.cancelPending();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `http://${urlHost(host)}:${port}`, port, scenario, close };
}
