// Does `upprobe watch` keep flat memory over thousands of runs? Watches the built-in target (a
// child `upprobe target`) every 100 ms with --record and --prom on, samples the watcher's RSS from
// /proc once a second, and reports it after the first tenth of the time, at the middle and at the
// end. Part of `npm run bench`; alone: `node bench/watch-memory.js [seconds] [every]` (JSON out).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UPPROBE, removeScratch, round, scratch } from './util.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS in MiB of a live process (Linux /proc); null once it is gone. */
function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

export async function watchMemory({ seconds, every = '100ms' }) {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const target = spawn(process.execPath, [UPPROBE, 'target', '--port', String(port)], { stdio: 'ignore' });
  try {
    await sleep(800);
    const file = join(scratch, 'watch.yaml');
    writeFileSync(file, `version: 1
defaults: { baseUrl: "http://127.0.0.1:${port}", timeout: 2s }
probes:
  - { id: api-health, kind: http, surface: api, request: { url: /api/health } }
  - { id: api-timeline, kind: http, surface: api, request: { url: /api/timeline } }
  - { id: web-home, kind: http, surface: web, request: { url: / } }
`);
    const args = [UPPROBE, 'watch', file, '--every', every, '--record', join(scratch, 'watch-history.ndjson'), '--prom', join(scratch, 'watch.prom')];
    const watcher = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let runs = 0;
    watcher.stdout.setEncoding('utf8').on('data', (d) => (runs += d.split('\n').filter((l) => / (PASS|FAIL) /.test(l)).length));
    const samples = [];
    const timer = setInterval(() => samples.push({ runs, rssMiB: rssMiB(watcher.pid) }), 1000);
    await sleep(seconds * 1000);
    clearInterval(timer);
    watcher.kill('SIGTERM');
    const exitCode = await new Promise((resolve) => watcher.on('close', resolve));
    const at = (share) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? { runs: 0, rssMiB: null };
    return { seconds, every, runs, exitCode, tenth: at(0.1), middle: at(0.5), end: samples.at(-1) ?? { runs, rssMiB: null }, peakRssMiB: Math.max(0, ...samples.map((s) => s.rssMiB ?? 0)) };
  } finally {
    target.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const result = await watchMemory({ seconds: Number(process.argv[2] ?? 300), every: process.argv[3] ?? '100ms' });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    removeScratch();
  }
}
