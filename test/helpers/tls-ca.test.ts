// The throwaway CA's certificates do what their names say, checked by Node's own TLS stack.
import { once } from 'node:events';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type TLSSocket, type TlsOptions } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCa, testCa, writeTestCa } from './tls-ca.js';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function tlsServer(options: TlsOptions): Promise<{ port: number; peers: string[] }> {
  const peers: string[] = [];
  const server = createServer(options, (socket) => {
    const peer = socket.getPeerCertificate() as { subject?: { CN?: string } };
    peers.push(peer.subject?.CN ?? '');
    socket.end('hi');
  });
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, peers };
}

/** Connects and reports whether Node's verification accepted the server (and why not). */
async function handshake(port: number, options: { ca?: string; host?: string; cert?: string; key?: string; passphrase?: string }) {
  const socket: TLSSocket = connect({ port, host: '127.0.0.1', servername: options.host, rejectUnauthorized: false, ...options });
  await once(socket, 'secureConnect');
  const result = { authorized: socket.authorized, error: socket.authorizationError?.toString() ?? null, raw: socket.getPeerCertificate().raw };
  const [data] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return { ...result, data: data.toString() };
}

describe('the throwaway CA', () => {
  it('issues a server certificate that a client trusting the CA accepts for localhost and 127.0.0.1', async () => {
    const ca = await testCa();
    const { port } = await tlsServer({ cert: ca.server.cert, key: ca.server.key });
    expect(await handshake(port, { ca: ca.caCert, host: 'localhost' })).toMatchObject({ authorized: true, error: null, data: 'hi' });
    expect(await handshake(port, { ca: ca.caCert })).toMatchObject({ authorized: true });
    // A client that does not trust this CA rejects the same certificate.
    const other = await createTestCa('another CA');
    expect(await handshake(port, { ca: other.caCert })).toMatchObject({ authorized: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('issues certificates that are expiring in 3 days, expired, or for the wrong name', async () => {
    const ca = await testCa();
    const soon = new X509Certificate(ca.expiringSoon.cert);
    expect(Math.floor((Date.parse(soon.validTo) - Date.now()) / 86_400_000)).toBe(3);
    expect(soon.checkIssued(new X509Certificate(ca.caCert))).toBe(true);

    const expired = await tlsServer({ cert: ca.expired.cert, key: ca.expired.key });
    expect(await handshake(expired.port, { ca: ca.caCert })).toMatchObject({ authorized: false, error: 'CERT_HAS_EXPIRED' });
    const wrong = await tlsServer({ cert: ca.wrongName.cert, key: ca.wrongName.key });
    expect(await handshake(wrong.port, { ca: ca.caCert, host: 'localhost' })).toMatchObject({ authorized: false, error: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('issues a client certificate a server requiring one accepts, also with the passphrase-protected key', async () => {
    const ca = await testCa();
    const server = await tlsServer({ cert: ca.server.cert, key: ca.server.key, ca: ca.caCert, requestCert: true, rejectUnauthorized: true });
    await handshake(server.port, { ca: ca.caCert, cert: ca.client.cert, key: ca.client.key });
    await handshake(server.port, { ca: ca.caCert, cert: ca.client.cert, key: ca.client.encryptedKey, passphrase: ca.client.passphrase });
    expect(server.peers).toEqual(['upprobe-client', 'upprobe-client']);
    expect(ca.client.encryptedKey).toContain('ENCRYPTED PRIVATE KEY');
  });

  it('writes its PEM files to a temp dir', async () => {
    const ca = await testCa();
    const files = await writeTestCa(ca);
    expect(await readFile(files.ca, 'utf8')).toBe(ca.caCert);
    expect(await readFile(files.clientKeyEncrypted, 'utf8')).toBe(ca.client.encryptedKey);
    expect(await readFile(files.serverKey, 'utf8')).toContain('BEGIN PRIVATE KEY');
  });
});
