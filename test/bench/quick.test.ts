// `npm run bench -- --quick` still runs end to end and writes its JSON. No timing is asserted:
// the numbers of a smoke run on a shared machine mean nothing, only that every part ran.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../../bench/run.js', import.meta.url));

it('bench --quick measures every part against its baseline and writes the JSON', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'upprobe-bench-test-')), 'quick.json');
  const child = spawn(process.execPath, [RUN, '--quick', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code, stderr).toBe(0);
  expect(stdout).toContain('throughput, probes/s');

  const results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown> & {
    throughput: { upprobe: { failedSamples: number }; bare: { failedSamples: number } };
    honesty: { concurrency: number; upprobe: { failedSamples: number } }[];
    memory: { runs: { samples: number }[] };
    targets: { target: string; met: boolean }[];
  };
  expect(results.quick).toBe(true);
  expect(results.throughput.upprobe.failedSamples).toBe(0);
  expect(results.throughput.bare.failedSamples).toBe(0);
  expect(results.honesty.map((h) => h.concurrency)).toEqual([16, 100]);
  expect(results.honesty.every((h) => h.upprobe.failedSamples === 0)).toBe(true);
  expect(results.memory.runs.map((r) => r.samples)).toEqual([100, 300]);
  expect(Object.keys(results)).toEqual(expect.arrayContaining(['coldStart', 'warmup', 'machine', 'watch']));
  expect(results.targets.length).toBeGreaterThanOrEqual(8);
}, 120_000);
