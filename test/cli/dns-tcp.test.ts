// `kind: dns` and `kind: tcp` through the real CLI, against a loopback DNS responder, raw TCP and
// TLS servers with the throwaway CA: exit codes, classes and the JSON report's blocks.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TlsOptions } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { dnsAfterEach } from '../helpers/dns-server.js';
import { closeAfterEach, keep, closedPort, startRawServer } from '../helpers/servers.js';
import { testCa, writeTestCa } from '../helpers/tls-ca.js';
import { startTlsServer } from '../helpers/tls-server.js';

closeAfterEach();
const startDns = dnsAfterEach();

async function tlsServer(options: TlsOptions): Promise<number> {
  return (await keep(startTlsServer(options))).port;
}

/** Runs the file with the throwaway CA trusted through NODE_EXTRA_CA_CERTS (documented), JSON to a file. */
async function run(yaml: string) {
  const ca = await testCa();
  const files = await writeTestCa(ca);
  const file = probesFile(yaml);
  const out = join(dirname(file), 'report.json');
  const result = await runCli(['run', file, '--json', out], { env: { NODE_EXTRA_CA_CERTS: files.ca } });
  const report = result.code === 0 || result.code === 1 ? (JSON.parse(readFileSync(out, 'utf8')) as JsonReport) : null;
  const probe = (id: string) => report?.probes.find((p) => p.id === id) as (JsonReport['probes'][number] & Record<string, unknown>) | undefined;
  return { ...result, report, probe };
}

describe('dns and tcp probes through the CLI', () => {
  it('all passing: exit 0, answers and the tls block in the JSON, httpVersion null', async () => {
    const ca = await testCa();
    const dns = await startDns({ 'app.test': { A: ['127.0.0.1'], MX: [{ preference: 10, exchange: 'mail.app.test' }] } });
    const raw = await keep(startRawServer((s) => s.end()));
    const tlsPort = await tlsServer({ cert: ca.server.cert, key: ca.server.key });
    const { code, stdout, probe } = await run(`version: 1
defaults: { timeout: 5s, samples: 3 }
probes:
  - id: dns-app
    kind: dns
    surface: api
    dns: { name: app.test, type: A, server: "${dns.address}" }
    expect: { answers: { equals: 127.0.0.1 } }
  - id: dns-mx
    kind: dns
    surface: web
    dns: { name: app.test, type: MX, server: "${dns.address}" }
    expect: { answers: { matches: "^10 mail\\\\.app\\\\.test\\\\.$" } }
  - id: tcp-plain
    kind: tcp
    surface: api
    tcp: { host: 127.0.0.1, port: ${raw.port} }
  - id: tcp-tls
    kind: tcp
    surface: web
    tcp: { host: localhost, port: ${tlsPort}, tls: true }
    expect: { certificate: { minDaysLeft: 14 } }
`);
    expect(stdout).toMatch(/PASS|OK/);
    expect(code).toBe(0);
    expect(probe('dns-app')).toMatchObject({ kind: 'dns', passed: true, samples: 3, httpVersion: null, dns: { server: dns.address, rcode: 'NOERROR', answers: ['127.0.0.1'] } });
    expect(probe('dns-app')?.phasesMs.dns?.p50).toBeGreaterThan(0);
    expect(probe('dns-mx')).toMatchObject({ passed: true, dns: { answers: ['10 mail.app.test.'] } });
    expect(probe('tcp-plain')).toMatchObject({ kind: 'tcp', passed: true, httpVersion: null, tls: null, peer: `127.0.0.1:${raw.port}` });
    expect(probe('tcp-tls')).toMatchObject({
      passed: true,
      httpVersion: null,
      tls: { version: 'TLSv1.3', certificate: { subject: 'CN=localhost', issuer: 'CN=upprobe test CA', notAfter: ca.server.notAfter.toISOString(), daysLeft: 89 } },
    });
    expect(probe('tcp-tls')?.phasesMs.tls?.p50).toBeGreaterThan(0);
    expect(raw.accepted).toBe(3);
    expect(dns.queries).toBe(6);
  });

  it('each failure classified: dns rcode, dns answers, refused port, certificate near expiry, expired certificate', async () => {
    const ca = await testCa();
    const dns = await startDns({ 'app.test': { A: ['127.0.0.2'] }, 'broken.test': { rcode: 'SERVFAIL' } });
    const closed = await closedPort();
    const soon = await tlsServer({ cert: ca.expiringSoon.cert, key: ca.expiringSoon.key });
    const expired = await tlsServer({ cert: ca.expired.cert, key: ca.expired.key });
    const hangsUp = await keep(startRawServer((s) => s.destroy()));
    const { code, stdout, report, probe } = await run(`version: 1
defaults: { timeout: 5s }
probes:
  - { id: dns-broken, kind: dns, surface: api, dns: { name: broken.test, server: "${dns.address}" } }
  - { id: dns-wrong, kind: dns, surface: api, dns: { name: app.test, server: "${dns.address}" }, expect: { answers: { equals: 127.0.0.1 } } }
  - { id: tcp-closed, kind: tcp, surface: api, tcp: { host: 127.0.0.1, port: ${closed} } }
  - { id: tcp-soon, kind: tcp, surface: web, tcp: { host: localhost, port: ${soon}, tls: true }, expect: { certificate: { minDaysLeft: 14 } } }
  - { id: tcp-expired, kind: tcp, surface: web, tcp: { host: localhost, port: ${expired}, tls: true } }
  - { id: tcp-retried, kind: tcp, surface: web, tcp: { host: 127.0.0.1, port: ${hangsUp.port}, tls: true }, retries: 2, retryDelay: 0 }
`);
    expect(code).toBe(1);
    expect(report?.summary).toMatchObject({ probes: 6, failed: 6 });
    expect(probe('dns-broken')?.errors[0]).toMatchObject({ class: 'dns', url: `dns://${dns.address}/broken.test?type=A`, detail: { code: 'SERVFAIL', host: 'broken.test', server: dns.address } });
    expect(probe('dns-wrong')?.errors[0]).toMatchObject({ class: 'assertion', detail: { check: 'answers', actual: '["127.0.0.2"]' } });
    expect(probe('tcp-closed')?.errors[0]).toMatchObject({ class: 'connect', detail: { code: 'ECONNREFUSED', address: `127.0.0.1:${closed}` } });
    expect(probe('tcp-soon')?.errors[0]).toMatchObject({ class: 'tls', detail: { code: 'CERT_EXPIRES_SOON' } });
    expect(probe('tcp-soon')).toMatchObject({ tls: { certificate: { daysLeft: 3 } } });
    expect(probe('tcp-expired')?.errors[0]).toMatchObject({ class: 'tls', detail: { code: 'CERT_HAS_EXPIRED' } });
    expect(probe('tcp-expired')).toMatchObject({ tls: { certificate: { daysLeft: -1 } } });
    expect(probe('tcp-retried')).toMatchObject({ samples: 1, failedSamples: 1, failuresByClass: { tls: 1 } });
    expect(hangsUp.accepted).toBe(3); // the sample and its two retries
    expect(stdout).toMatch(/tcp-closed .*connect×1/);
    expect(probe('tcp-closed')?.errors[0]?.message).toBe(`connection refused (ECONNREFUSED): 127.0.0.1:${closed}`);
    expect(probe('dns-broken')?.errors[0]?.message).toBe(`could not resolve broken.test at ${dns.address} (SERVFAIL)`);
    expect(stdout).toMatch(/dns-broken .*dns×1/);
  });

  it('a tcp probe with ca, a client certificate (passphrase a secret) and resolve: the reaching fields apply', async () => {
    const ca = await testCa();
    const files = await writeTestCa(ca);
    const appCert = await ca.issue({ commonName: 'app.test' });
    const port = (await keep(startTlsServer({ cert: appCert.cert, key: appCert.key, ca: ca.caCert, requestCert: true, rejectUnauthorized: true }))).port;
    const file = probesFile(`version: 1
defaults: { timeout: 5s, ca: "${files.ca}", resolve: { "app.test": 127.0.0.1 } }
probes:
  - id: mtls
    kind: tcp
    surface: api
    tcp: { host: app.test, port: ${port}, tls: true }
    cert: "${files.clientCert}"
    key: "${files.clientKeyEncrypted}"
    passphrase: "\${secret.CLIENT_KEY_PASS}"
  - { id: no-client-cert, kind: tcp, surface: api, tcp: { host: app.test, port: ${port}, tls: true } }
`);
    const out = join(dirname(file), 'report.json');
    const prom = join(dirname(file), 'metrics.prom');
    const { code, stdout } = await runCli(['run', file, '--json', out, '--prom', prom], { env: { CLIENT_KEY_PASS: ca.client.passphrase } });
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    const [mtls, anonymous] = report.probes;
    expect(mtls).toMatchObject({ passed: true, tls: { certificate: { subject: 'CN=app.test' } } });
    expect(anonymous?.errors[0]).toMatchObject({ class: 'tls', detail: { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' } });
    expect(stdout + readFileSync(out, 'utf8')).not.toContain(ca.client.passphrase);
    // The certificate's expiry reaches Prometheus as an https probe's does.
    const expiry = new RegExp(`^upprobe_probe_tls_cert_expiry_timestamp_seconds\\{[^}]*probe="mtls"[^}]*\\} ${appCert.notAfter.getTime() / 1000}$`, 'm');
    expect(readFileSync(prom, 'utf8')).toMatch(expiry);
  });

  it('a bad dns or tcp probe is a config error at its line:column, exit 2, nothing probed', async () => {
    const file = probesFile(`version: 1
probes:
  - { id: d, kind: dns, surface: api, dns: { name: a.test, type: SRV } }
  - { id: t, kind: tcp, surface: api, tcp: { host: a.test, port: 0 } }
`);
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:3:66: probes[0].dns.type: expected one of A, AAAA, CNAME, MX, TXT, NS, got "SRV"`);
    expect(stderr).toContain(`${file}:4:66: probes[1].tcp.port: expected a port from 1 to 65535, got 0`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
