// A probe's plan lives while the probe runs: once its last sample is recorded, what it held for
// all its samples (kept-alive connections) is let go, even though other probes still run.
import { describe, expect, it } from 'vitest';
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
