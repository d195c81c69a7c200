// The pieces of undici upprobe uses (Client and its connector), each imported from
// its own module. `import 'undici'` loads all of undici (fetch, WebSocket, cookies, caches, mocks,
// and Node's own bundled undici through the web globals): ~100 ms at every start, for nothing
// upprobe uses. undici has no `exports` map, so these are files any importer may load; the bundle
// (scripts/build.js) resolves them at build time, and test/http/undici.test.ts fails if an undici
// update moves them.
import { setFlagsFromString } from 'node:v8';
import type { Client as UndiciClient, buildConnector as undiciBuildConnector } from 'undici';
import ClientModule from 'undici/lib/dispatcher/client.js';
import connectorModule from 'undici/lib/core/connect.js';

/** undici's HTTP/1.1 client for one origin. */
export const Client = ClientModule;
export type Client = UndiciClient;

/** Builds the function that opens sockets (TCP or TLS) for a Client. */
export const buildConnector = connectorModule;
export type Connector = undiciBuildConnector.connector;

// undici parses HTTP/1.1 with llhttp compiled to WebAssembly, on the first connection. V8 then
// keeps compiling that module on background threads, and a process cannot exit until they are
// done: ~90 ms of idle at the end of every short run, more than the run itself (README,
// "Performance"). Liftoff, V8's baseline WebAssembly compiler, leaves no such work behind, and
// its code is fast enough for parsing response heads. Set here, before any module is compiled.
setFlagsFromString('--liftoff-only');
