// One TCP connect (+ TLS handshake) against real loopback servers: raw net, TLS with the throwaway
// CA, a ::1-only server, a listener that never accepts. Each failure asserts its class and detail.
import type { TlsOptions } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { Interrupted } from '../../../src/model/interrupted.js';
import { connectTcpProbe, type TcpConnectOptions } from '../../../src/probes/tcp/connect.js';
import { itWithIpv6, startIpv6RawServer } from '../../helpers/ipv6.js';
import { closeAfterEach, keep, closedPort, fakeLookup, startRawServer } from '../../helpers/servers.js';
import { startStuckListener } from '../../helpers/stuck-listener.js';
import { testCa } from '../../helpers/tls-ca.js';
import { startTlsServer } from '../../helpers/tls-server.js';

closeAfterEach();
/** The deadline of the tests that are about the deadline; the others allow a loaded machine 5 s. */
const TIMEOUT_MS = 400;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function tlsServer(options: TlsOptions): Promise<number> {
  return (await keep(startTlsServer(options))).port;
}

function probe(options: Partial<TcpConnectOptions> & { port: number }) {
  return connectTcpProbe({ host: '127.0.0.1', timeoutMs: 5_000, ...options });
}

describe('a plain TCP connect', () => {
  it('connects, names the peer, and times connect only (an IP literal needs no lookup)', async () => {
    const server = await keep(startRawServer((s) => s.end()));
    const result = await probe({ port: server.port });
    expect(result.failure).toBeNull();
    expect(result.peer).toEqual({ address: '127.0.0.1', port: server.port, family: 4 });
    expect(result.phases).toMatchObject({ dns: null, tls: null });
    expect(result.phases.connect).toBeGreaterThan(0);
    expect(result.latencyMs).toBe(result.phases.connect);
    expect(result.tls).toBeNull();
    expect(server.accepted).toBe(1);
  });

  it('a closed port: connect ECONNREFUSED, naming the address tried', async () => {
    const port = await closedPort();
    const result = await probe({ port });
    expect(result.failure).toEqual({ class: 'connect', code: 'ECONNREFUSED', timedOut: false });
    expect(result.tried).toEqual([`127.0.0.1:${port}`]);
    expect(result.latencyMs).toBeNull();
  });

  it('a name that does not resolve: dns, naming the host', async () => {
    const result = await probe({ host: 'nowhere.test', port: 1, lookup: fakeLookup({}) });
    expect(result.failure).toEqual({ class: 'dns', code: 'ENOTFOUND', host: 'nowhere.test' });
    expect(result.tried).toEqual([]);
  });

  it('a resolver that does not answer in time: dns ETIMEOUT at the deadline', async () => {
    const started = performance.now();
    const result = await probe({ host: 'slow.test', port: 1, timeoutMs: TIMEOUT_MS, lookup: fakeLookup({ 'slow.test': '127.0.0.1' }, TIMEOUT_MS * 3) });
    expect(result.failure).toEqual({ class: 'dns', code: 'ETIMEOUT', host: 'slow.test' });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 2); // the deadline is the behaviour under test
  });

  it('a name resolves: its lookup is timed', async () => {
    const server = await keep(startRawServer((s) => s.end()));
    const result = await probe({ host: 'app.test', port: server.port, lookup: fakeLookup({ 'app.test': '127.0.0.1' }) });
    expect(result.failure).toBeNull();
    expect(result.phases.dns).toBeGreaterThanOrEqual(0);
  });

  it('a listener that never accepts: connect (timed out) at the deadline', async () => {
    const stuck = await startStuckListener();
    closers.push(() => stuck.close());
    const started = performance.now();
    const result = await probe({ port: stuck.port, timeoutMs: TIMEOUT_MS });
    expect(result.failure).toEqual({ class: 'connect', code: 'ETIMEDOUT', timedOut: true });
    expect(result.tried).toEqual([`127.0.0.1:${stuck.port}`]);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 500);
  });

  itWithIpv6('localhost reaches a server on ::1 only, after 127.0.0.1 refuses', async () => {
    const server = await keep(startIpv6RawServer((s) => s.end()));
    const result = await probe({ host: 'localhost', port: server.port });
    expect(result.tried).toEqual([`127.0.0.1:${server.port}`, `[::1]:${server.port}`]);
    expect(result.failure).toBeNull();
    expect(result.peer).toEqual({ address: '::1', port: server.port, family: 6 });
    expect(result.tried).toEqual([`127.0.0.1:${server.port}`, `[::1]:${server.port}`]);
  });

  it('localhost with ipFamily 4 tries 127.0.0.1 only, and names it when refused', async () => {
    const port = await closedPort();
    const result = await probe({ host: 'localhost', port, family: 4 });
    expect(result.failure).toMatchObject({ class: 'connect', code: 'ECONNREFUSED' });
    expect(result.tried).toEqual([`127.0.0.1:${port}`]);
  });

  it('an interrupted run rejects with Interrupted', async () => {
    const stuck = await startStuckListener();
    closers.push(() => stuck.close());
    const controller = new AbortController();
    const pending = connectTcpProbe({ host: '127.0.0.1', port: stuck.port, timeoutMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(Interrupted);
  });
});

describe('a TCP connect with a TLS handshake', () => {
  it('reports the version, the leaf certificate and the handshake time', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.server.cert, key: ca.server.key });
    const result = await probe({ host: 'localhost', port, tls: { ca: ca.caCert } });
    expect(result.failure).toBeNull();
    expect(result.tls).toMatchObject({ version: 'TLSv1.3', authorized: true, certificate: { subject: 'CN=localhost', issuer: 'CN=upprobe test CA', notAfter: ca.server.notAfter.toISOString(), daysLeft: 89 } });
    expect(result.phases.tls).toBeGreaterThan(0);
    expect(result.latencyMs).toBeCloseTo((result.phases.connect ?? 0) + (result.phases.tls ?? 0), 0);
  });

  it('TLS 1.2 is reported as such', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.server.cert, key: ca.server.key, maxVersion: 'TLSv1.2' });
    expect((await probe({ port, tls: { ca: ca.caCert } })).tls?.version).toBe('TLSv1.2');
  });

  it('an expired certificate: tls CERT_HAS_EXPIRED, its certificate still read; with insecure it passes', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.expired.cert, key: ca.expired.key });
    const result = await probe({ port, tls: { ca: ca.caCert } });
    expect(result.failure).toEqual({ class: 'tls', code: 'CERT_HAS_EXPIRED', reason: `certificate expired ${ca.expired.notAfter.toISOString()} (CERT_HAS_EXPIRED)` });
    expect(result.tls?.certificate).toMatchObject({ daysLeft: -1, notAfter: ca.expired.notAfter.toISOString() });
    const insecure = await probe({ port, tls: { ca: ca.caCert, insecure: true } });
    expect(insecure.failure).toBeNull();
    expect(insecure.tls).toMatchObject({ authorized: false, certificate: { daysLeft: -1 } });
  });

  it('a certificate expiring in 3 days reads daysLeft 3', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.expiringSoon.cert, key: ca.expiringSoon.key });
    expect((await probe({ port, tls: { ca: ca.caCert } })).tls?.certificate?.daysLeft).toBe(3);
  });

  it('a certificate for another name: tls ERR_TLS_CERT_ALTNAME_INVALID', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.wrongName.cert, key: ca.wrongName.key });
    const result = await probe({ host: 'localhost', port, tls: { ca: ca.caCert } });
    expect(result.failure).toEqual({ class: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', reason: 'certificate (CN=wrong.example) is not for localhost (ERR_TLS_CERT_ALTNAME_INVALID)' });
    expect(result.tls?.certificate?.subject).toBe('CN=wrong.example');
  });

  it('a CA the client does not trust: tls UNABLE_TO_VERIFY_LEAF_SIGNATURE', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.server.cert, key: ca.server.key });
    expect((await probe({ port, tls: {} })).failure).toEqual({
      class: 'tls',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      reason: 'certificate issued by CN=upprobe test CA is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    });
  });

  it('a server requiring a client certificate: tls without one, passes with one (also passphrase-protected)', async () => {
    const ca = await testCa();
    const port = await tlsServer({ cert: ca.server.cert, key: ca.server.key, ca: ca.caCert, requestCert: true, rejectUnauthorized: true });
    const without = await probe({ port, tls: { ca: ca.caCert } });
    expect(without.failure).toMatchObject({ class: 'tls', code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
    expect((await probe({ port, tls: { ca: ca.caCert, cert: ca.client.cert, key: ca.client.key } })).failure).toBeNull();
    const encrypted = await probe({ port, tls: { ca: ca.caCert, cert: ca.client.cert, key: ca.client.encryptedKey, passphrase: ca.client.passphrase } });
    expect(encrypted.failure).toBeNull();
    const wrongPassphrase = await probe({ port, tls: { ca: ca.caCert, cert: ca.client.cert, key: ca.client.encryptedKey, passphrase: 'wrong' } });
    expect(wrongPassphrase.failure).toMatchObject({ class: 'tls' });
  });

  it('a server that never speaks TLS: timeout in phase tls at the deadline', async () => {
    const server = await keep(startRawServer(() => undefined));
    const started = performance.now();
    const result = await probe({ port: server.port, tls: {}, timeoutMs: TIMEOUT_MS });
    expect(result.failure).toMatchObject({ class: 'timeout', phase: 'tls' });
    expect(result.phases.connect).toBeGreaterThan(0);
    expect(result.tls?.version ?? null).toBeNull(); // no version was agreed
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 500);
  });

  it('a server that hangs up on the ClientHello: tls', async () => {
    const server = await keep(startRawServer((s) => s.once('data', () => s.destroy())));
    expect((await probe({ port: server.port, tls: {} })).failure).toMatchObject({ class: 'tls', code: 'ECONNRESET' });
  });

  it('a server that answers the ClientHello with plain HTTP: tls', async () => {
    const server = await keep(startRawServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'))));
    expect((await probe({ port: server.port, tls: {} })).failure).toMatchObject({ class: 'tls' });
  });
});
