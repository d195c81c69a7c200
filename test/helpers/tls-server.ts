// A raw TLS server on 127.0.0.1 port 0 (node:tls), for handshakes below HTTP: certificates from
// the throwaway CA (tls-ca.ts), client certificates, old protocol versions. Works with
// `closeAfterEach()` from servers.ts like every other test server.
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TLSSocket, type TlsOptions } from 'node:tls';
import type { TestServer } from './servers.js';

/** Starts the server; `onSecure` gets each connection whose handshake completed (default: left open). */
export async function startTlsServer(options: TlsOptions, onSecure: (socket: TLSSocket) => void = () => undefined): Promise<TestServer> {
  const server = createServer(options, (socket) => {
    socket.on('error', () => undefined);
    onSecure(socket);
  });
  // Failed handshakes are what many tests provoke: not an error of the server.
  server.on('tlsClientError', () => undefined);
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `tls://127.0.0.1:${port}`,
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
