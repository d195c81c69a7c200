// TLS against a throwaway CA: `ca`, client certificates, and the leaf certificate recorded from
// every handshake (also with `insecure`, also when verification rejects it).
import { createServer, type ServerOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { checkCertificate } from '../../src/http/certificate.js';
import { createTestCa, testCa } from '../helpers/tls-ca.js';
import { get, listen } from './helpers.js';

async function httpsServer(options: ServerOptions): Promise<string> {
  const port = await listen(
    createServer(options, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.end(peer.subject ? `client ${String(peer.subject.CN)}` : 'no client certificate');
    }),
  );
  return `https://localhost:${port}/`;
}

describe('ca', () => {
  it('trusts a private CA given as `ca`, and records version, subject, issuer, notAfter and whole days left', async () => {
    const ca = await testCa();
    const url = await httpsServer(ca.server);
    const result = await get(url, { ca: ca.caCert });
    expect(result.ok).toBe(true);
    expect(result.tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(result.tls?.certificate).toEqual({
      subject: 'CN=localhost',
      issuer: 'CN=upprobe test CA',
      notAfter: new Date(Math.floor(ca.server.notAfter.getTime() / 1000) * 1000).toISOString(),
      daysLeft: 89,
    });
    expect(result.timings.tls).toBeGreaterThan(0);
  });

  it('keeps trusting the default store beside `ca`: another private CA is still refused', async () => {
    const ca = await testCa();
    const other = await createTestCa('another CA');
    const url = await httpsServer(other.server);
    const result = await get(url, { ca: ca.caCert });
    expect(!result.ok && result.failure).toMatchObject({ class: 'tls' });
    // The rejected certificate is still recorded: what was presented is part of the diagnosis.
    expect(result.tls?.certificate?.issuer).toBe('CN=another CA');
  });

  it('without `ca`, a private CA fails as tls and the certificate is still recorded', async () => {
    const ca = await testCa();
    const result = await get(await httpsServer(ca.server));
    expect(!result.ok && result.failure).toMatchObject({ class: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(result.tls?.certificate?.subject).toBe('CN=localhost');
  });
});

describe('certificates that verification rejects', () => {
  it('expired: tls CERT_HAS_EXPIRED, with the certificate and a negative daysLeft', async () => {
    const ca = await testCa();
    const result = await get(await httpsServer(ca.expired), { ca: ca.caCert });
    expect(!result.ok && result.failure).toMatchObject({ class: 'tls', code: 'CERT_HAS_EXPIRED', reason: 'certificate has expired' });
    expect(result.tls?.certificate?.daysLeft).toBeLessThan(0);
  });

  it('wrong name: tls ERR_TLS_CERT_ALTNAME_INVALID, with the certificate that was presented', async () => {
    const ca = await testCa();
    const result = await get(await httpsServer(ca.wrongName), { ca: ca.caCert });
    expect(!result.ok && result.failure).toMatchObject({ class: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(!result.ok && result.failure.class === 'tls' && result.failure.reason).toMatch(/altnames/);
    expect(result.tls?.certificate?.subject).toBe('CN=wrong.example');
  });

  it('insecure: true accepts them and still records the certificate', async () => {
    const ca = await testCa();
    const result = await get(await httpsServer(ca.expired), { insecure: true });
    expect(result.ok).toBe(true);
    expect(result.tls?.certificate?.daysLeft).toBeLessThan(0);
  });
});

describe('minDaysLeft', () => {
  it('a certificate expiring in 3 days fails minDaysLeft 14 as tls with daysLeft, notAfter and subject; passes minDaysLeft 3', async () => {
    const ca = await testCa();
    const result = await get(await httpsServer(ca.expiringSoon), { ca: ca.caCert });
    expect(result.ok).toBe(true);
    expect(result.tls?.certificate?.daysLeft).toBe(3);
    const failure = checkCertificate(result.tls, 14);
    expect(failure).toMatchObject({ class: 'tls', code: 'CERT_EXPIRES_SOON', certificate: { daysLeft: 3, subject: 'CN=localhost' } });
    expect(failure?.class === 'tls' && failure.reason).toMatch(/expires in 3 day\(s\), under minDaysLeft 14 \(notAfter 20\d\d-.*subject CN=localhost\)/);
    expect(checkCertificate(result.tls, 3)).toBeNull();
  });

  it('is checked with insecure too: an expired certificate accepted by insecure fails minDaysLeft', async () => {
    const ca = await testCa();
    const result = await get(await httpsServer(ca.expired), { insecure: true });
    const failure = checkCertificate(result.tls, 1);
    expect(failure?.class === 'tls' && failure.reason).toMatch(/^certificate expired \d+ day\(s\) ago/);
  });

  it('has nothing to check on plain HTTP', () => {
    expect(checkCertificate(null, 30)).toBeNull();
  });
});

describe('client certificates (mTLS)', () => {
  async function mtlsServer(): Promise<string> {
    const ca = await testCa();
    return httpsServer({ ...ca.server, ca: ca.caCert, requestCert: true, rejectUnauthorized: true });
  }

  it('sends `cert` and `key`: the server sees the client', async () => {
    const ca = await testCa();
    const result = await get(await mtlsServer(), { ca: ca.caCert, cert: ca.client.cert, key: ca.client.key });
    expect(result.ok && result.response.body.toString()).toBe('client upprobe-client');
  });

  it('opens a passphrase-protected key with `passphrase`', async () => {
    const ca = await testCa();
    const { cert, encryptedKey, passphrase } = ca.client;
    const result = await get(await mtlsServer(), { ca: ca.caCert, cert, key: encryptedKey, passphrase });
    expect(result.ok && result.response.body.toString()).toBe('client upprobe-client');
  });

  it('without a client certificate, a server that requires one is not answered (Node closes the TLS 1.3 connection: reset)', async () => {
    const ca = await testCa();
    const result = await get(await mtlsServer(), { ca: ca.caCert });
    expect(result.ok).toBe(false);
    expect(!result.ok && ['reset', 'tls']).toContain(!result.ok && result.failure.class);
  });
});
