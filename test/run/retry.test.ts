// Retries tell a blip from an outage: a sample that fails then passes is flaky (and passes);
// one that fails every attempt still fails. Real servers, real requests.
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../src/report/json.js';
import { verdictLine } from '../../src/report/verdict.js';
import { tableReporter } from '../../src/report/table.js';
import { runYaml } from '../helpers/run.js';
import { closeAfterEach, keep, startHttpServer, type TestServer } from '../helpers/servers.js';
import { lines, problemsOf, load } from '../config/helpers.js';

closeAfterEach();

/** Answers 503 to the first request for each sample id (?s=…, or a counter), 200 after. */
async function failsFirstAttempt(): Promise<{ server: TestServer; requests: () => number }> {
  let count = 0;
  const server = await startHttpServer((_req, res) => {
    count++;
    // Odd requests fail, even ones pass: with retries: 1 each sample's first attempt fails.
    res.writeHead(count % 2 === 1 ? 503 : 200).end('ok');
  });
  keep(server);
  return { server, requests: () => count };
}

describe('retries', () => {
  it('a sample that fails once and passes on retry counts as passed and as flaky', async () => {
    const { server, requests } = await failsFirstAttempt();
    const result = await runYaml(`version: 1
defaults: { concurrency: 1 }
probes:
  - { id: blip, kind: http, surface: api, samples: 3, retries: 2, retryDelay: 10ms, request: { url: "${server.url}/" } }
`);
    const [probe] = result.probes;
    expect(probe?.passed).toBe(true);
    expect(probe?.failedSamples).toBe(0);
    expect(probe?.flakySamples).toBe(3);
    expect(requests()).toBe(6); // one retry per sample, not two: the retry passed
    expect(result.exitCode).toBe(0);
    const report = jsonReport(result);
    expect(report.probes[0]?.flakySamples).toBe(3);
    expect(report.summary.surfaces.api?.flakySamples).toBe(3);
    expect(report.summary.flakySamples).toBe(3);
    expect(verdictLine(result)).toMatch(/· 3 flaky · exit 0$/);
    expect(tableReporter.render(result, { color: false, columns: 120 })).toMatch(/flaky/);
  });

  it('retries never hide a consistent failure: every attempt is made, the sample still fails', async () => {
    let count = 0;
    const server = await startHttpServer((_req, res) => {
      count++;
      res.writeHead(503).end();
    });
    keep(server);
    const result = await runYaml(`version: 1
defaults: { retries: 2, retryDelay: 0 }
probes:
  - { id: down, kind: http, surface: api, samples: 2, request: { url: "${server.url}/" } }
`);
    const [probe] = result.probes;
    expect(probe?.passed).toBe(false);
    expect(probe?.failedSamples).toBe(2);
    expect(probe?.flakySamples).toBe(0);
    expect(probe?.failuresByClass).toEqual({ http_5xx: 2 });
    expect(count).toBe(6); // 2 samples × (1 + 2 retries)
    expect(result.exitCode).toBe(1);
  });

  it('without retries a blip fails the sample (the default is no retry)', async () => {
    const { server, requests } = await failsFirstAttempt();
    const result = await runYaml(`version: 1\nprobes:\n  - { id: blip, kind: http, surface: web, request: { url: "${server.url}/" } }\n`);
    expect(result.probes[0]?.failedSamples).toBe(1);
    expect(result.probes[0]?.flakySamples).toBe(0);
    expect(requests()).toBe(1);
  });

  it('an interrupt during the retry pause stops the run instead of waiting it out', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(500).end());
    keep(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort('SIGINT'), 300);
    const started = performance.now();
    const result = await runYaml(
      `version: 1\nprobes:\n  - { id: p, kind: http, surface: api, retries: 3, retryDelay: 1m, request: { url: "${server.url}/" } }\n`,
      controller.signal,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.interrupted).toBe(true);
    expect(result.probes[0]?.samples).toBe(0); // dropped mid-retry, like any in-flight sample
  });
});

describe('retry settings', () => {
  it('a probe inherits retries and retryDelay from defaults and may override either', () => {
    const config = load(
      lines(
        'version: 1',
        'defaults: { baseUrl: "https://example.com", retries: 2, retryDelay: 250ms }',
        'probes:',
        '  - { id: a, surface: api, request: { url: / } }',
        '  - { id: b, surface: api, retries: 0, request: { url: / } }',
        '  - { id: c, surface: api, retryDelay: 0, request: { url: / } }',
      ),
    );
    expect(config.probes.map((p) => p.retry)).toEqual([
      { retries: 2, delayMs: 250 },
      { retries: 0, delayMs: 250 },
      { retries: 2, delayMs: 0 },
    ]);
    const plain = load(lines('version: 1', 'probes:', '  - { id: a, surface: api, request: { url: "https://example.com/" } }'));
    expect(plain.probes[0]?.retry).toEqual({ retries: 0, delayMs: 1000 });
  });

  it('a bad retries or retryDelay value is reported at its line and column', () => {
    const problems = problemsOf(
      lines(
        'version: 1',
        'defaults: { baseUrl: "https://example.com", retries: 11 }',
        'probes:',
        '  - { id: a, surface: api, retryDelay: soon, request: { url: / } }',
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^probes\.yaml:2:54: .*retries.*whole number from 0 to 10, got 11/),
      expect.stringMatching(/^probes\.yaml:4:40: .*retryDelay.*duration/),
    ]);
  });
});
