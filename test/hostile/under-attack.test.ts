// A whole run against a server that hangs half its connections and resets the rest: it ends in
// bounded time, every sample is classed, and no sample goes missing from the counts.
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startRawServer } from '../helpers/servers.js';

const PROBES = 50;
const SAMPLES = 20;
const CONCURRENCY = 100;
const TIMEOUT_MS = 300;
/** Process start-up, loading, reporting, and a busy machine. */
const MARGIN_MS = 8000;

closeAfterEach();

describe('a run under attack', () => {
  it(`${PROBES} probes × ${SAMPLES} samples against hangs and resets: bounded time, every sample classed`, async () => {
    let connections = 0;
    const server = keep(await startRawServer((socket) => {
      // Even connections are accepted and never answered; odd ones are reset once the request is in.
      if (connections++ % 2 === 1) socket.once('data', () => socket.resetAndDestroy());
    }));
    const probes = Array.from({ length: PROBES }, (_, i) => `  - { id: p${i}, kind: http, surface: ${i % 2 ? 'web' : 'api'}, request: { url: /p${i} } }`);
    const file = probesFile(`version: 1\ndefaults: { baseUrl: "${server.url}", samples: ${SAMPLES} }\nprobes:\n${probes.join('\n')}\n`);

    const { code, stdout, stderr, ms } = await runCli(['run', file, '-c', String(CONCURRENCY), '-t', `${TIMEOUT_MS}ms`, '--json', '-']);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
    const work = PROBES * SAMPLES;
    expect(ms).toBeLessThan(Math.ceil(work / CONCURRENCY) * TIMEOUT_MS + MARGIN_MS);

    const report = JSON.parse(stdout) as JsonReport;
    expect(report.interrupted).toBe(false);
    expect(report.summary).toMatchObject({ probes: PROBES, failed: PROBES, samples: work, failedSamples: work });
    let hung = 0;
    let reset = 0;
    for (const probe of report.probes) {
      expect(probe.samples, probe.id).toBe(SAMPLES);
      const { timeout = 0, reset: resets = 0, ...others } = probe.failuresByClass;
      // Every failed sample has exactly one class, and the classes are the two the server caused.
      expect(others, probe.id).toEqual({});
      expect(timeout + resets, probe.id).toBe(probe.failedSamples);
      const grouped = probe.errors.reduce((sum, e) => sum + e.count, probe.otherErrors ?? 0);
      expect(grouped, probe.id).toBe(probe.failedSamples);
      hung += timeout;
      reset += resets;
    }
    expect(hung + reset).toBe(work);
    expect(hung).toBeGreaterThan(0);
    expect(reset).toBeGreaterThan(0);
    expect(connections).toBe(work);
    const surfaces = Object.values(report.summary.surfaces);
    expect(surfaces.reduce((sum, s) => sum + s.samples, 0)).toBe(work);
    expect(surfaces.reduce((sum, s) => sum + s.failedSamples, 0)).toBe(work);
  });
});
