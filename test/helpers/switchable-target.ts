// The built-in target's routes and scenarios behind one loopback port whose scenario a test can
// switch while a child process (`upprobe watch`) keeps probing it.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTargetHandler, type TargetHandler } from '../../src/target/handler.js';
import { DEFAULT_SEED, type ScenarioName } from '../../src/target/server.js';

export interface SwitchableTarget {
  url: string;
  port: number;
  switchTo(scenario: ScenarioName): void;
  close(): Promise<void>;
}

export async function startSwitchableTarget(scenario: ScenarioName = 'healthy'): Promise<SwitchableTarget> {
  let handler: TargetHandler = createTargetHandler(scenario, DEFAULT_SEED);
  const server = createServer((request, response) => handler.handle(request, response));
  server.keepAliveTimeout = 1000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    switchTo(next) {
      handler.cancelPending();
      handler = createTargetHandler(next, DEFAULT_SEED);
    },
    close: () =>
      new Promise<void>((resolve) => {
        handler.cancelPending();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
