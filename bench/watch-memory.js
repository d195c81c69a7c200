// `node bench/watch-memory.js [seconds] [every]`: does `upprobe watch` keep flat memory over
// thousands of runs? Watches the built-in target (a child `upprobe target`) every 100 ms with
// --record and --prom on, samples the watcher's RSS from /proc each second, and prints the RSS
// after the first tenth of the runs, at the middle and at the end (JSON on stdout).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPPROBE, removeScratch, scratch } from './util.js';

const SECONDS = Number(process.argv[2] ?? 300);
const EVERY = process.argv[3] ?? '100ms';
const PORT = 18000 + Math.floor(Math.random() * 1000);

const target = spawn(process.execPath, [UPPROBE, 'target', '--port', String(PORT)], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 800));
const file = join(scratch, 'watch.yaml');
writeFileSync(file, `version: 1
defaults: { baseUrl: "http://127.0.0.1:${PORT}", timeout: 2s }
probes:
  - { id: api-health, kind: http, surface: api, request: { url: /api/health } }
  - { id: api-timeline, kind: http, surface: api, request: { url: /api/timeline } }
  - { id: web-home, kind: http, surface: web, request: { url: / } }
`);
const watcher = spawn(process.execPath, [UPPROBE, 'watch', file, '--every', EVERY, '--record', join(scratch, 'history.ndjson'), '--prom', join(scratch, 'metrics.prom')], { stdio: ['ignore', 'pipe', 'inherit'] });
let runs = 0;
watcher.stdout.setEncoding('utf8').on('data', (d) => (runs += d.split('\n').filter((l) => / (PASS|FAIL) /.test(l)).length));
const samples = [];
const rssMiB = () => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${watcher.pid}/status`, 'utf8'));
  return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
};
const timer = setInterval(() => samples.push({ runs, rssMiB: rssMiB() }), 1000);
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
clearInterval(timer);
watcher.kill('SIGTERM');
const code = await new Promise((resolve) => watcher.on('close', resolve));
target.kill('SIGTERM');
removeScratch();
const at = (share) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))];
const peak = Math.max(...samples.map((s) => s.rssMiB ?? 0));
console.log(JSON.stringify({ seconds: SECONDS, every: EVERY, runs, exitCode: code, tenth: at(0.1), middle: at(0.5), end: samples.at(-1), peakRssMiB: peak }, null, 2));
