// The target as an edge in front of an origin: its headers, its own answers, its listeners.
import { Resolver } from 'node:dns/promises';
import { once } from 'node:events';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { isOriginUnreachable, recogniseEdge } from '../../src/analysis/edges/index.js';
import { EXPIRING_CERTIFICATE_DAYS, HEALTHY_CERTIFICATE_DAYS, RATE_LIMIT_BUDGET } from '../../src/target/scenarios.js';
import { RATE_LIMIT_RETRY_AFTER_S } from '../../src/target/edge.js';
import { SCENARIOS, type RunningTarget } from '../../src/target/server.js';
import { useTarget } from './use-target.js';

const start = useTarget();

async function get(url: string): Promise<{ status: number; statusText: string; headers: Record<string, string> }> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return { status: response.status, statusText: response.statusText, headers: Object.fromEntries(response.headers) };
}

async function peerCertificate(target: RunningTarget): Promise<PeerCertificate> {
  const socket = tlsConnect({ host: '127.0.0.1', port: target.tlsPort, ca: target.certificatePem, servername: 'localhost' });
  await once(socket, 'secureConnect');
  const certificate = socket.getPeerCertificate();
  socket.destroy();
  return certificate;
}

const daysLeft = (certificate: PeerCertificate) => Math.floor((Date.parse(certificate.valid_to) - Date.now()) / 86_400_000);

describe('the edge in front of the origin', () => {
  it('every answer carries the edge headers, recognised as upprobe-edge at PoP LO1', async () => {
    const target = await start();
    for (const path of ['/', '/api/health', '/static/logo.svg', '/nope']) {
      const { headers } = await get(target.url + path);
      expect(recogniseEdge(headers), path).toMatchObject({ provider: 'upprobe-edge', pop: 'LO1', challenge: false, generated: false });
    }
  });

  it('edge-challenge: a 403 challenge the edge made on web routes, the App API exempt', async () => {
    const target = await start({ scenario: 'edge-challenge' });
    for (const path of ['/', '/login', '/static/app.js', '/api/me']) {
      const { status, headers } = await get(target.url + path);
      expect(status, path).toBe(403);
      expect(recogniseEdge(headers), path).toMatchObject({ challenge: true, generated: true });
    }
    expect((await get(`${target.apiUrl}/api/timeline`)).status).toBe(200);
  });

  it('edge-rate-limit: each App API route lets a budget through, then 429 with retry-after', async () => {
    const target = await start({ scenario: 'edge-rate-limit' });
    const statuses = [];
    for (let i = 0; i < RATE_LIMIT_BUDGET + 2; i++) statuses.push((await get(`${target.apiUrl}/api/timeline`)).status);
    expect(statuses).toEqual([...Array<number>(RATE_LIMIT_BUDGET).fill(200), 429, 429]);
    const limited = await get(`${target.apiUrl}/api/timeline`);
    expect(limited.headers['retry-after']).toBe(String(RATE_LIMIT_RETRY_AFTER_S));
    expect(recogniseEdge(limited.headers)?.generated).toBe(true);
    expect((await get(`${target.apiUrl}/api/health`)).status).toBe(200); // its own budget
    for (let i = 0; i < 5; i++) expect((await get(`${target.url}/`)).status).toBe(200);
  });

  it('edge-origin-down: 521 from the edge on every route, meaning "could not reach the origin"', async () => {
    const target = await start({ scenario: 'edge-origin-down' });
    for (const url of [`${target.url}/`, `${target.apiUrl}/api/health`, `${target.url}/static/app.css`]) {
      const { status, statusText, headers } = await get(url);
      expect(status, url).toBe(521);
      expect(statusText).toBe('Web Server Is Down');
      const edge = recogniseEdge(headers);
      expect(edge && isOriginUnreachable(edge, status)).toBe(true);
    }
  });

  it("network-down: the App API's address refuses connections, the web answers", async () => {
    const target = await start({ scenario: 'network-down' });
    const failure = await fetch(`${target.apiUrl}/api/health`).then(
      () => 'answered',
      (err: unknown) => ((err as { cause?: { code?: string } }).cause?.code ?? 'failed'),
    );
    expect(failure).toBe('ECONNREFUSED');
    expect((await get(`${target.url}/`)).status).toBe(200);
    expect(target.apiPort).not.toBe(target.port);
  });
});

describe('names', () => {
  const resolverOf = (target: RunningTarget) => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([target.dnsServer]);
    return resolver;
  };

  it("the target's DNS responder resolves the web's and the App API's names to its host", async () => {
    const target = await start();
    const resolver = resolverOf(target);
    expect(await resolver.resolve4(target.names.web)).toEqual(['127.0.0.1']);
    expect(await resolver.resolve4(target.names.api)).toEqual(['127.0.0.1']);
    await expect(resolver.resolve4('nope.upprobe.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it("dns-broken: SERVFAIL for the App API's name, the web's name still resolves", async () => {
    const target = await start({ scenario: 'dns-broken' });
    const resolver = resolverOf(target);
    await expect(resolver.resolve4(target.names.api)).rejects.toMatchObject({ code: 'ESERVFAIL' });
    expect(await resolver.resolve4(target.names.web)).toEqual(['127.0.0.1']);
    expect((await get(`${target.apiUrl}/api/health`)).status).toBe(200); // the address itself still answers
  });
});

describe('listeners', () => {
  it("the App API's own address serves the same routes", async () => {
    const target = await start();
    expect(target.apiUrl).toBe(`http://127.0.0.1:${target.apiPort}`);
    expect((await get(`${target.apiUrl}/api/health`)).status).toBe(200);
  });

  it('the https listener serves a certificate for localhost and 127.0.0.1 that the PEM verifies', async () => {
    const target = await start();
    expect(target.tlsUrl).toBe(`https://127.0.0.1:${target.tlsPort}`);
    const certificate = await peerCertificate(target);
    expect(certificate.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(certificate.subjectaltname).toContain('DNS:localhost');
    expect(daysLeft(certificate)).toBe(HEALTHY_CERTIFICATE_DAYS);
  });

  it(`cert-expiring: the certificate has ${EXPIRING_CERTIFICATE_DAYS} days left, answers stay healthy`, async () => {
    const target = await start({ scenario: 'cert-expiring' });
    expect(daysLeft(await peerCertificate(target))).toBe(EXPIRING_CERTIFICATE_DAYS);
    expect((await get(`${target.url}/api/health`)).status).toBe(200);
  });

  it('every scenario starts and closes, whatever listeners it has', async () => {
    for (const scenario of SCENARIOS) {
      const target = await start({ scenario });
      await target.close();
    }
  });
});
