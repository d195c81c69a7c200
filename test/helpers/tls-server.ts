// A raw TLS server on 127.0.0.1 port 0 (node:tls), for handshakes below HTTP: certificates from
// the throwaway CA (tls-ca.ts), client certificates, old protocol versions. Works with
// `closeAfterEach()` from servers.ts like every other test server.
import { createServer, type TLSSocket, type TlsOptions } from 'node:tls';
import { listen, type TestServer } from './servers.js';

/** Starts the server; `onSecure` gets each connection whose handshake completed (default: left open). */
export async function startTlsServer(options: TlsOptions, onSecure: (socket: TLSSocket) => void = () => undefined): Promise<TestServer> {
  const server = createServer(options, (socket) => {
    socket.on('error', () => undefined);
    onSecure(socket);
  });
  // Failed handshakes are what many tests provoke: not an error of the server.
  server.on('tlsClientError', () => undefined);
  return listen(server, 'tls');
}
