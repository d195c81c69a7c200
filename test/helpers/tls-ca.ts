// A throwaway certificate authority made at test time, so no test depends on a committed
// certificate that expires: a CA, server certificates that are valid, expiring in 3 days,
// expired, or for the wrong name, and a client certificate for mTLS (with a passphrase-protected
// copy of its key). Everything is PEM text; `writeTestCa` puts it in a temp dir for `ca: path`.
import 'reflect-metadata'; // @peculiar/x509's dependency injection needs the Reflect polyfill
import * as x509 from '@peculiar/x509';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

x509.cryptoProvider.set(webcrypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** One certificate and its private key, both PEM. */
export interface IssuedCertificate {
  cert: string;
  key: string;
  /** notAfter of `cert`, for asserting daysLeft. */
  notAfter: Date;
}

export interface ClientCertificate extends IssuedCertificate {
  /** The same key encrypted (PKCS#8, AES-256-CBC) with `passphrase`. */
  encryptedKey: string;
  passphrase: string;
}

/** What an issued certificate is for. Names are DNS names or IP addresses (IPv4 or IPv6). */
export interface IssueOptions {
  commonName: string;
  names?: string[];
  /** Days from now; negative means already expired. Default 90. */
  validDays?: number;
  /** Days the certificate has been valid for already. Default 1. */
  validSinceDays?: number;
  usage?: 'server' | 'client';
}

export interface TestCa {
  /** The CA certificate, PEM: what a client passes as `ca`. */
  caCert: string;
  /** Valid for localhost, 127.0.0.1 and ::1, 90 days. */
  server: IssuedCertificate;
  /** Valid for the same names; expires 3 days and 1 hour from creation (daysLeft reads 3). */
  expiringSoon: IssuedCertificate;
  /** Valid for the same names; expired yesterday. */
  expired: IssuedCertificate;
  /** Valid, but only for wrong.example: a hostname mismatch on 127.0.0.1 or localhost. */
  wrongName: IssuedCertificate;
  /** A client certificate (CN=upprobe-client) for servers that require one. */
  client: ClientCertificate;
  /** Issues another certificate from the same CA. */
  issue(options: IssueOptions): Promise<IssuedCertificate>;
}

/** The names every "good" server certificate here covers. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

let shared: Promise<TestCa> | undefined;

/** The CA of this test process, made once (key generation is ~ms, but a file may ask often). */
export function testCa(): Promise<TestCa> {
  shared ??= createTestCa();
  return shared;
}

/** A new, independent CA (e.g. one the client does not trust). */
export async function createTestCa(commonName = 'upprobe test CA'): Promise<TestCa> {
  const caKeys = await generateKeys();
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 365 * DAY_MS),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  async function issue(options: IssueOptions): Promise<IssuedCertificate> {
    const keys = await generateKeys();
    const issuedAt = Date.now();
    const notAfter = new Date(issuedAt + (options.validDays ?? 90) * DAY_MS);
    const names = options.names ?? [options.commonName];
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${options.commonName}`,
      issuer: caCert.subject,
      notBefore: new Date(issuedAt - (options.validSinceDays ?? 1) * DAY_MS),
      notAfter,
      signingKey: caKeys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([options.usage === 'client' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((n) => (isIpAddress(n) ? { type: 'ip', value: n } : { type: 'dns', value: n }))),
        await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ],
    });
    return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey), notAfter };
  }

  const passphrase = 'test-passphrase';
  const [server, expiringSoon, expired, wrongName, client] = await Promise.all([
    issue({ commonName: 'localhost', names: LOOPBACK_NAMES }),
    issue({ commonName: 'localhost', names: LOOPBACK_NAMES, validDays: 3 + 1 / 24 }),
    issue({ commonName: 'localhost', names: LOOPBACK_NAMES, validDays: -1, validSinceDays: 30 }),
    issue({ commonName: 'wrong.example', names: ['wrong.example'] }),
    issue({ commonName: 'upprobe-client', usage: 'client' }),
  ]);
  const encryptedKey = createPrivateKey(client.key).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
  return {
    caCert: caCert.toString('pem'),
    server,
    expiringSoon,
    expired,
    wrongName,
    client: { ...client, encryptedKey, passphrase },
    issue,
  };
}

/** The paths `writeTestCa` wrote: one PEM file each. */
export interface TestCaFiles {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** The client key encrypted with `TestCa.client.passphrase`. */
  clientKeyEncrypted: string;
}

/** Writes the CA and the server and client certificates into a new temp dir (or `dir`). */
export async function writeTestCa(ca: TestCa, dir?: string): Promise<TestCaFiles> {
  const target = dir ?? (await mkdtemp(join(tmpdir(), 'upprobe-ca-')));
  const files: TestCaFiles = {
    dir: target,
    ca: join(target, 'ca.pem'),
    serverCert: join(target, 'server.crt'),
    serverKey: join(target, 'server.key'),
    clientCert: join(target, 'client.crt'),
    clientKey: join(target, 'client.key'),
    clientKeyEncrypted: join(target, 'client-encrypted.key'),
  };
  await Promise.all([
    writeFile(files.ca, ca.caCert),
    writeFile(files.serverCert, ca.server.cert),
    writeFile(files.serverKey, ca.server.key),
    writeFile(files.clientCert, ca.client.cert),
    writeFile(files.clientKey, ca.client.key),
    writeFile(files.clientKeyEncrypted, ca.client.encryptedKey),
  ]);
  return files;
}

async function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

let serialCounter = 1;
/** Distinct positive serial numbers (hex), so no two certificates of a CA share one. */
function serial(): string {
  return (serialCounter++).toString(16).padStart(2, '0') + Date.now().toString(16);
}

function isIpAddress(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(':');
}
