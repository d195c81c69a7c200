// Each layer rule against real loopback servers: an edge-like server adding a provider's headers,
// raw sockets that hang, TLS with a throwaway certificate, names that do not resolve, a login
// whose credential step breaks. The run's own evidence path (sample → ProbeStats → diagnosis).
import { describe, expect, it } from 'vitest';
import type { LookupFunction } from 'node:net';
import type { RunResult } from '../../src/model/result.js';
import { parseConfig } from '../../src/probes/load.js';
import { runProbes } from '../../src/run/run.js';
import { closeAfterEach, closedPort, fakeLookup, keep, startHttpServer, startHttpsServer, startRawServer } from '../helpers/servers.js';

closeAfterEach();

async function run(yaml: string, lookup?: LookupFunction, env: Record<string, string> = {}): Promise<RunResult> {
  const config = parseConfig(yaml, 'probes.yaml', {}, env);
  return runProbes(config, { interrupt: new AbortController().signal, ...(lookup && { lookup }) });
}

const probe = (id: string, surface: string, url: string, extra = '') => `  - { id: ${id}, kind: http, surface: ${surface}, samples: 3, timeout: 1s, request: { url: "${url}" }${extra} }\n`;

describe('layer rules, end to end', () => {
  it("Cloudflare's 522: the origin, the edge named with its PoP", async () => {
    const edge = await keep(startHttpServer((_req, res) => res.writeHead(522, 'Origin Connection Time-out', { 'cf-ray': '8f1e2d3c4b5a6978-AMS', server: 'cloudflare' }).end('timeout')));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${edge.url}/`)}`);
    expect(result.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'origin' });
    expect(result.diagnosis?.surfaces.api.evidence[0]).toBe('3 of 3 samples (api): 522 Origin Connection Time-out from Cloudflare (AMS): the edge could not reach or hear from the origin');
    expect(result.diagnosis?.consistentWith).toEqual(['an edge that cannot reach or hear from the origin behind it']);
  });

  it("Fastly's 429 with retry-after: the edge", async () => {
    const edge = await keep(startHttpServer((_req, res) => res.writeHead(429, { 'x-served-by': 'cache-fra-eddf8230062-FRA', 'retry-after': '7' }).end()));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${edge.url}/`)}`);
    expect(result.diagnosis?.surfaces.api.layer).toBe('edge');
    expect(result.diagnosis?.surfaces.api.evidence[0]).toBe('3 of 3 samples (api): 429 Too Many Requests from Fastly (FRA), retry-after 7');
  });

  it("an edge's own challenge page: the edge", async () => {
    const edge = await keep(startHttpServer((_req, res) => res.writeHead(403, { 'cf-ray': '1-LHR', 'cf-mitigated': 'challenge' }).end('Just a moment...')));
    const result = await run(`version: 1\nprobes:\n${probe('web', 'web', `${edge.url}/`)}`);
    expect(result.diagnosis?.surfaces.web).toMatchObject({ state: 'down', layer: 'edge' });
    expect(result.diagnosis?.consistentWith).toEqual(["bot protection at the edge challenging this prober's requests"]);
  });

  it('fast 5xx over clean connects: the origin, an application fault', async () => {
    const origin = await keep(startHttpServer((_req, res) => res.writeHead(500).end()));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${origin.url}/`)}`);
    expect(result.diagnosis?.surfaces.api.evidence[0]).toMatch(/^3 of 3 samples \(api\): 500 Internal Server Error in [\d.]+ms p50 after clean connects$/);
    expect(result.diagnosis?.consistentWith).toEqual(['an application fault behind a working network']);
  });

  it('accepted and never answered: the origin, stalled', async () => {
    const hang = await keep(startRawServer(() => undefined));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${hang.url}/`)}`);
    expect(result.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'origin' });
    expect(result.diagnosis?.consistentWith).toEqual(['an application that accepts connections but does not answer (overloaded or stalled)']);
  });

  it('refused: the network', async () => {
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `http://127.0.0.1:${await closedPort()}/`)}`);
    expect(result.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'network' });
    expect(result.probes[0]?.evidence?.connect).toEqual({ refused: 3, unanswered: 0, unreachable: 0 });
  });

  it('every sample names the address that answered it, passing or not', async () => {
    const origin = await keep(startHttpServer((req, res) => res.writeHead(req.url === '/down' ? 503 : 200).end()));
    const result = await run(`version: 1\nprobes:\n${probe('up', 'api', `${origin.url}/`)}${probe('down', 'api', `${origin.url}/down`)}`);
    const address = origin.url.replace('http://', '');
    expect(result.probes.map((p) => p.evidence?.addresses)).toEqual([
      { answered: [address], failed: [] },
      { answered: [address], failed: [] },
    ]);
  });

  it('the address is the one happy eyeballs connected to: localhost on 127.0.0.1 only, after ::1 refused', async () => {
    const origin = await keep(startHttpServer((_req, res) => res.writeHead(200).end()));
    const port = new URL(origin.url).port;
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `http://localhost:${port}/`)}`);
    expect(result.probes[0]?.passed).toBe(true);
    expect(result.probes[0]?.evidence?.addresses.answered).toEqual([`127.0.0.1:${port}`]);
  });

  it('one of two addresses refusing while the other answers: the network, some addresses out of service', async () => {
    const origin = await keep(startHttpServer((_req, res) => res.writeHead(200).end()));
    const port = new URL(origin.url).port;
    // A name with two addresses, handed out in turn (DNS round robin): the origin listens on
    // 127.0.0.1 only, so every connection sent to ::1 is refused.
    let turn = 0;
    const roundRobin: LookupFunction = (_host, options, cb) => {
      const [address, family] = turn++ % 2 === 0 ? ['127.0.0.1', 4] : ['::1', 6];
      setImmediate(() => (options.all ? cb(null, [{ address, family }]) : cb(null, address, family)));
    };
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `http://service.test:${port}/`).replace('samples: 3', 'samples: 4')}`, roundRobin);
    expect(result.probes[0]?.evidence?.addresses).toEqual({ answered: [`127.0.0.1:${port}`], failed: [`[::1]:${port}`] });
    expect(result.diagnosis?.surfaces.api.layer).toBe('network');
    expect(result.diagnosis?.surfaces.api.evidence[0]).toBe(`2 of 4 samples (api): connection refused at 1 of 2 addresses ([::1]:${port})`);
    expect(result.diagnosis?.consistentWith).toEqual(['some of the service addresses out of service while others answer']);
  });

  it('a reset before any response: the network', async () => {
    const rude = await keep(startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${rude.url}/`)}`);
    expect(result.diagnosis?.surfaces.api.layer).toBe('network');
  });

  it('a name that does not resolve: dns', async () => {
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', 'http://api.upprobe.test/')}`, fakeLookup({}));
    expect(result.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'dns' });
    expect(result.diagnosis?.consistentWith).toEqual(['a missing or removed DNS record']);
  });

  it('a self-signed certificate: tls', async () => {
    const tls = await keep(startHttpsServer((_req, res) => res.end('ok')));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${tls.url}/`)}`);
    expect(result.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'tls' });
    expect(result.diagnosis?.consistentWith).toEqual(['an expired, mismatched or untrusted certificate']);
  });

  it("a login failing where it sends the password, the surface's other probes passing: auth", async () => {
    const site = await keep(startHttpServer((req, res) => (req.method === 'POST' ? res.writeHead(500).end() : res.end('<html>ok</html>'))));
    const result = await run(
      `version: 1
probes:
${probe('home', 'web', `${site.url}/`)}  - id: login
    kind: flow
    surface: web
    samples: 3
    steps:
      - { id: form, request: { url: "${site.url}/login" } }
      - { id: submit, request: { method: POST, url: "${site.url}/session", form: { user: demo, password: "\${secret.UPPROBE_TEST_PASSWORD}" } } }
`,
      undefined,
      { UPPROBE_TEST_PASSWORD: 'hunter2-diag' },
    );
    expect(result.diagnosis?.surfaces.web).toMatchObject({ state: 'down', layer: 'auth' }); // 3 of 6 samples: 50%
    expect(result.diagnosis?.surfaces.web.evidence[0]).toMatch(/^3 of 6 samples \(login\): failed at step submit/);
  });

  it("a flow step that never connected names its own address, not the step before's", async () => {
    const site = await keep(startHttpServer((_req, res) => res.end('ok')));
    const closed = await closedPort();
    const result = await run(`version: 1
probes:
  - id: two-hosts
    kind: flow
    surface: web
    samples: 2
    steps:
      - { id: first, request: { url: "${site.url}/" } }
      - { id: second, request: { url: "http://127.0.0.1:${closed}/" } }
`);
    expect(result.probes[0]?.evidence?.addresses).toEqual({ answered: [], failed: [`127.0.0.1:${closed}`] });
  });

  it('broken links: content', async () => {
    const site = await keep(startHttpServer((req, res) => (req.url === '/gone' ? res.writeHead(404).end() : res.end('ok'))));
    const result = await run(`version: 1
probes:
  - { id: links, kind: links, surface: web, links: { urls: ["${site.url}/a", "${site.url}/gone"] } }
`);
    expect(result.diagnosis?.surfaces.web).toMatchObject({ state: 'down', layer: 'content' });
    expect(result.diagnosis?.surfaces.web.evidence[0]).toBe('1 of 2 samples (links): 404 Not Found');
  });

  it('only slow: latency', async () => {
    const slow = await keep(startHttpServer((_req, res) => setTimeout(() => res.end('ok'), 80)));
    const result = await run(`version: 1\nprobes:\n${probe('api', 'api', `${slow.url}/`, ', expect: { maxLatency: 20ms }')}`);
    expect(result.diagnosis?.surfaces.api).toMatchObject({ state: 'down', layer: 'latency' });
  });
});
