// The three pieces of undici upprobe uses (Client, its connector, its request API), each loaded
// from its own module. `import 'undici'` loads all of undici (fetch, WebSocket, cookies, caches,
// mocks, Node's own bundled undici through the web globals): ~100 ms at every start, for nothing
// upprobe uses. undici has no `exports` map, so these paths are public files of the package; a
// test (test/http/undici.test.ts) fails if an undici update moves them.
import { createRequire } from 'node:module';
import type { Client as UndiciClient, Dispatcher, buildConnector as undiciBuildConnector } from 'undici';

const require = createRequire(import.meta.url);

/** undici's HTTP/1.1 client for one origin. */
export const Client = require('undici/lib/dispatcher/client.js') as typeof UndiciClient;
export type Client = UndiciClient;

/** Builds the function that opens sockets (TCP or TLS) for a Client. */
export const buildConnector = require('undici/lib/core/connect.js') as typeof undiciBuildConnector;
export type Connector = undiciBuildConnector.connector;

const apiRequest = require('undici/lib/api/api-request.js') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

/** `client.request(options)`: undici adds that method to Dispatcher only in its index module. */
export function request(client: Client, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(client, options);
}
