// What upprobe does when the file says nothing, through the real CLI: TLS verified, only http and
// https, bodies capped, an honest user-agent, no compression asked for; and `insecure: true`
// accepting a bad certificate only where the user wrote it.
import { describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import type { JsonReport } from '../../src/report/json.js';
import { VERSION } from '../../src/version.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { certificate, closeAfterEach, keep, startHttpServer, startHttpsServer, type CertificateName } from '../helpers/servers.js';

closeAfterEach();

/** Runs a probes file through the CLI with the JSON report on stdout. */
async function runJson(yaml: string, env: Record<string, string> = {}) {
  const result = await runCli(['run', probesFile(yaml), '--json', '-', '-t', '2s'], { env });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

const classesOf = (report: JsonReport) => Object.fromEntries(report.probes.map((p) => [p.id, p.passed ? 'pass' : Object.keys(p.failuresByClass).join()]));

describe('TLS', () => {
  const CERTS: CertificateName[] = ['self-signed', 'expired', 'wrong-host'];

  it('is verified by default: self-signed, expired and wrong-host certificates fail as tls; insecure: true accepts them', async () => {
    const urls = await Promise.all(CERTS.map(async (cert) => (await keep(startHttpsServer((_req, res) => res.end('ok'), cert))).url));
    const probes = CERTS.flatMap((cert, i) => [
      `  - { id: ${cert}, kind: http, surface: web, request: { url: "${urls[i]}/" } }`,
      `  - { id: ${cert}-insecure, kind: http, surface: web, request: { url: "${urls[i]}/", insecure: true } }`,
    ]);
    // The wrong-host and expired certificates are trusted as their own issuers here, so that each
    // fails for its own reason (name, date) and not merely for being self-signed.
    const bundle = probesFile(['wrong-host', 'expired'].map((c) => certificate(c as CertificateName).cert.toString()).join('\n'), 'ca.pem');
    const { code, report } = await runJson(`version: 1\nprobes:\n${probes.join('\n')}\n`, { NODE_EXTRA_CA_CERTS: bundle });
    expect(code).toBe(1);
    expect(classesOf(report)).toEqual({
      'self-signed': 'tls',
      'self-signed-insecure': 'pass',
      expired: 'tls',
      'expired-insecure': 'pass',
      'wrong-host': 'tls',
      'wrong-host-insecure': 'pass',
    });
    const codes = report.probes.flatMap((p) => p.errors.map((e) => (e.detail as { code?: string }).code));
    expect(codes).toEqual(['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);
  });

  it('defaults.insecure: true applies to every probe, and a probe can turn it off again', async () => {
    const s = await keep(startHttpsServer((_req, res) => res.end('ok'), 'expired'));
    const { code, report } = await runJson(`version: 1
defaults: { baseUrl: "${s.url}", insecure: true }
probes:
  - { id: lenient, kind: http, surface: web, request: { url: / } }
  - { id: strict, kind: http, surface: web, request: { url: /, insecure: false } }
`);
    expect(code).toBe(1);
    expect(classesOf(report)).toEqual({ lenient: 'pass', strict: 'tls' });
  });
});

describe('requests', () => {
  it('name upprobe and its version in the user-agent, and do not ask for compression', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const s = await keep(startHttpServer((req, res) => (seen.push(req.headers), res.end('ok'))));
    const { code } = await runJson(`version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "${s.url}/" } }\n`);
    expect(code).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.['user-agent']).toBe(`upprobe/${VERSION}`);
    expect(seen[0]?.['accept-encoding']).toBeUndefined();
  });

  it('go only to http and https URLs: any other scheme is a config error (exit 2), nothing probed', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'javascript:alert(1)']) {
      const file = probesFile(`version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "${url}" } }\n`);
      const { code, stderr } = await runCli(['run', file]);
      expect(code, url).toBe(2);
      expect(stderr).toContain(`${file}:3:`);
    }
  });

  it('carry only header values HTTP can send: a line break or 中 is a placed config error (it was a "reset" of every sample)', async () => {
    let requests = 0;
    const s = await keep(startHttpServer((_req, res) => (requests++, res.end('ok'))));
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}", headers: { x-team: "中文" } }
probes:
  - { id: a, kind: http, surface: api, request: { url: /, headers: { authorization: "Bearer \${secret.UP_TOKEN}", x-ok: "café" } } }
`);
    const { code, stderr } = await runCli(['run', file], { env: { UP_TOKEN: 'line1\r\nX-Injected: yes' } });
    expect(code).toBe(2);
    expect(requests).toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${file}:2:\\d+: defaults.headers.x-team: a header value cannot hold a line break`));
    expect(lines[1]).toMatch(new RegExp(`^${file}:4:\\d+: probes\\[0\\].request.headers.authorization: a header value cannot`));
    expect(stderr).not.toContain('Injected');
  });

  it('read at most 1 MiB of a body by default: one byte more fails as protocol', async () => {
    const MiB = 1024 * 1024;
    const s = await keep(startHttpServer((req, res) => res.end(Buffer.alloc(req.url === '/over' ? MiB + 1 : MiB, 'x'))));
    const { report } = await runJson(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - { id: at-limit, kind: http, surface: web, request: { url: /at } }
  - { id: over-limit, kind: http, surface: web, request: { url: /over } }
`);
    expect(classesOf(report)).toEqual({ 'at-limit': 'pass', 'over-limit': 'protocol' });
  });
});
