// A probe's plan lives while the probe runs: once its last sample is recorded, what it held for
// all its samples (kept-alive connections) is let go, even though other probes still run.
import { describe, expect, it } from 'vitest';
import { decodeHistogram } from '../../src/analysis/hdr-codec.js';
import { parseConfig } from '../../src/probes/load.js';
import { runProbes } from '../../src/run/run.js';
import { runYaml } from '../helpers/run.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

describe('a probe that has finished', () => {
  it('closes its kept-alive connection while a slower probe is still running', async () => {
    let quickClosedAt = Number.NaN;
    const quick = await keep(
      startHttpServer((req, res) => {
        req.socket.once('close', () => (quickClosedAt = performance.now()));
        res.end('ok');
      }),
    );
    let slowAnsweredAt = Number.NaN;
    const slow = await keep(
      startHttpServer((_req, res) => {
        setTimeout(() => {
          slowAnsweredAt = performance.now();
          res.end('ok');
        }, 400);
      }),
    );
    const result = await runYaml(`version: 1
probes:
  - { id: quick, kind: http, surface: api, samples: 3, reuseConnections: true, request: { url: "${quick.url}/" } }
  - { id: slow, kind: http, surface: web, request: { url: "${slow.url}/" } }
`);
    expect(result.probes.map((p) => [p.probe.id, p.samples, p.passed])).toEqual([
      ['quick', 3, true],
      ['slow', 1, true],
    ]);
    expect(quickClosedAt).toBeLessThan(slowAnsweredAt);
  });
});

describe("a report's latency histogram", () => {
  it('holds every sample, whether encoded as the probe ends (over 64 samples) or after the run (64 or fewer)', async () => {
    const s = await keep(startHttpServer((_req, res) => res.end('ok')));
    const config = parseConfig(
      `version: 1
probes:
  - { id: few, kind: http, surface: api, samples: 3, request: { url: "${s.url}/" } }
  - { id: many, kind: http, surface: api, samples: 80, reuseConnections: true, request: { url: "${s.url}/" } }
`,
      'probes.yaml',
      {},
      {},
    );
    const result = await runProbes(config, { interrupt: new AbortController().signal, latencyHistograms: true });
    const counts = result.probes.map((p) => [p.probe.id, decodeHistogram(p.latencyHistogram ?? '').totalCount]);
    expect(counts).toEqual([
      ['few', 3],
      ['many', 80],
    ]);
  });
});
