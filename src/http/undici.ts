// The pieces of undici upprobe uses (Client and its connector), each imported from
// its own module. `import 'undici'` loads all of undici (fetch, WebSocket, cookies, caches, mocks,
// and Node's own bundled undici through the web globals): ~100 ms at every start, for nothing
// upprobe uses. undici has no `exports` map, so these are files any importer may load; the bundle
// (scripts/build.js) resolves them at build time, and test/http/undici.test.ts fails if an undici
// update moves them.
import type { Client as UndiciClient, buildConnector as undiciBuildConnector } from 'undici';
import ClientModule from 'undici/lib/dispatcher/client.js';
import connectorModule from 'undici/lib/core/connect.js';

/** undici's HTTP/1.1 client for one origin. */
export const Client = ClientModule;
export type Client = UndiciClient;

/** Builds the function that opens sockets (TCP or TLS) for a Client. */
export const buildConnector = connectorModule;
export type Connector = undiciBuildConnector.connector;

// The V8 flag that keeps undici's WebAssembly parser from delaying exit (`--liftoff-only`) is set
// by bin/upprobe.js before anything loads, not here: an import should not change the process.
