// The built-in target: a small X-like service on loopback that `upprobe demo` and the tests probe.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import type { DnsRcode } from '../probes/dns/record-types.js';
import { throwawayCertificate } from './certificate.js';
import { startDnsResponder, type DnsResponder, type DnsZone, type DnsZoneEntry } from './dns-responder.js';
import { createTargetHandler } from './handler.js';
import { HEALTHY_CERTIFICATE_DAYS, SCENARIO_BEHAVIOURS, type ScenarioName } from './scenarios.js';

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
  /** The App API's own listener; default 0 (a free port). */
  apiPort?: number;
  /** The https listener; default 0 (a free port). */
  tlsPort?: number;
  /** The DNS responder (UDP and TCP); default 0 (a free port). */
  dnsPort?: number;
  /** The two control listeners; default 0 each (free ports). */
  controlPorts?: [number, number];
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
  /** The App API's own address, as api.example.com beside www.example.com: the same routes on its own listener. */
  apiUrl: string;
  apiPort: number;
  /** The same routes over https, with a throwaway certificate for localhost, 127.0.0.1 and ::1. */
  tlsUrl: string;
  tlsPort: number;
  /** That certificate (PEM), for a client that wants to trust it. */
  certificatePem: string;
  /** The target's own DNS responder (`127.0.0.1:<port>`, UDP and TCP), for `resolver` and `dns.server`. */
  dnsServer: string;
  /** The names it answers: both resolve to the target's host (TARGET_NAMES). */
  names: typeof TARGET_NAMES;
  /**
   * Two listeners that share nothing with the target's scenarios and always answer 204: the
   * demo's `controls:`, standing in for endpoints of other providers that test the prober's network.
   */
  controlUrls: [string, string];
  scenario: ScenarioName;
  /** Stops listening and drops every connection, hung or delayed ones too; safe to call twice. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function listen(server: Server | HttpsServer | NetServer, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/**
 * A port nothing listens on, for an address that refuses connections: bound, read, released.
 * (Another process could take it in between; on loopback, in a demo, that risk is accepted.)
 */
async function refusingPort(port: number, host: string): Promise<number> {
  if (port !== 0) return port;
  const probe = createNetServer();
  const free = await listen(probe, 0, host);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

/** The web's and the App API's names, as the target's DNS responder answers them (.test is reserved, RFC 6761). */
export const TARGET_NAMES = { web: 'www.upprobe.test', api: 'api.upprobe.test' } as const;

function zoneFor(host: string, apiNameRcode: DnsRcode | undefined): DnsZone {
  const address: DnsZoneEntry = host.includes(':') ? { AAAA: [host] } : { A: [host] };
  return { [TARGET_NAMES.web]: address, [TARGET_NAMES.api]: apiNameRcode ? { rcode: apiNameRcode } : address };
}

/** A control answers every request at once, 204, whatever the scenario. */
function controlAnswer(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  response.writeHead(204, { server: 'upprobe-control' }).end();
}

/** Starts the target and resolves once it listens; rejects if a port cannot be bound. */
export async function startTarget(options: TargetOptions = {}): Promise<RunningTarget> {
  const host = options.host ?? '127.0.0.1';
  const scenario = options.scenario ?? 'healthy';
  const behaviour = SCENARIO_BEHAVIOURS[scenario];
  const handler = createTargetHandler(scenario, options.seed ?? DEFAULT_SEED);
  const certificate = throwawayCertificate(behaviour.certificateDaysLeft ?? HEALTHY_CERTIFICATE_DAYS);
  const web = createServer(handler.handle);
  const tls = createHttpsServer({ cert: certificate.cert, key: certificate.key }, handler.handle);
  const api = behaviour.refuseApi ? null : createServer(handler.handle);
  const controls = [createServer(controlAnswer), createServer(controlAnswer)] as const;
  const servers: (Server | HttpsServer)[] = [web, tls, ...(api ? [api] : []), ...controls];
  for (const server of servers) server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  let dns: DnsResponder | undefined;
  let closing: Promise<void> | undefined;
  const closeServer = (server: Server | HttpsServer) =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const close = (): Promise<void> => {
    if (!closing) {
      handler.cancelPending();
      closing = Promise.all([...servers.map(closeServer), dns?.close()]).then(() => undefined);
    }
    return closing;
  };

  try {
    const port = await listen(web, options.port ?? 0, host);
    const tlsPort = await listen(tls, options.tlsPort ?? 0, host);
    const apiPort = api ? await listen(api, options.apiPort ?? 0, host) : await refusingPort(options.apiPort ?? 0, host);
    const controlPorts = [await listen(controls[0], options.controlPorts?.[0] ?? 0, host), await listen(controls[1], options.controlPorts?.[1] ?? 0, host)];
    dns = await startDnsResponder({ zone: zoneFor(host, behaviour.apiNameRcode), host, port: options.dnsPort ?? 0 });
    const base = (scheme: string, p: number) => `${scheme}://${urlHost(host)}:${p}`;
    return {
      url: base('http', port),
      port,
      apiUrl: base('http', apiPort),
      apiPort,
      tlsUrl: base('https', tlsPort),
      tlsPort,
      certificatePem: certificate.cert,
      dnsServer: dns.address,
      names: TARGET_NAMES,
      controlUrls: [`${base('http', controlPorts[0] ?? 0)}/`, `${base('http', controlPorts[1] ?? 0)}/`],
      scenario,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
