// What the bench needs besides the measurements: spawning measured processes, the target, and
// order statistics.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH = join(ROOT, 'bench');
export const UPPROBE = join(ROOT, 'bin', 'upprobe.js');
const RUSAGE = join(BENCH, 'rusage.js');

/** Temporary files of this bench run (generated probes files, reports); removed at the end. */
export const scratch = mkdtempSync(join(tmpdir(), 'upprobe-bench-'));
export const removeScratch = () => rmSync(scratch, { recursive: true, force: true });

/**
 * The environment of every measured process: NODE_EXTRA_CA_CERTS costs every Node start ~50 ms
 * (whatever the program) and NODE_OPTIONS could preload anything, so neither is passed on.
 */
function cleanEnv() {
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  return env;
}

let spawned = 0;

/**
 * Runs `node …args` to its exit: wall time (spawn to exit, seen from here) and, with `rusage`,
 * the child's own whole-process CPU time and peak RSS.
 */
export function runNode(args, { rusage = false, timeoutMs = 600_000 } = {}) {
  const env = cleanEnv();
  const usageFile = join(scratch, `rusage-${++spawned}.json`);
  if (rusage) env.BENCH_RUSAGE_FILE = usageFile;
  const argv = rusage ? ['--import', RUSAGE, ...args] : args;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', () => (child.exitedAt = performance.now()));
    child.on('close', (code) => {
      clearTimeout(killer);
      const result = { code, wallMs: child.exitedAt - start, stdout, stderr };
      if (rusage) {
        try {
          Object.assign(result, JSON.parse(readFileSync(usageFile, 'utf8')));
        } catch {
          return reject(new Error(`no resource usage from node ${args.join(' ')} (exit ${code}): ${stderr.slice(0, 500)}`));
        }
      }
      resolve(result);
    });
    child.on('error', reject);
  });
}

/** Runs `upprobe …args` and fails the bench if it exited with something other than 0 or 1. */
export async function runUpprobe(args, options) {
  const result = await runNode([UPPROBE, ...args], options);
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`upprobe ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(0, 500)}`);
  }
  return result;
}

/** Starts bench/target.js in its own process; resolves once it listens. */
export function startTarget() {
  const child = fork(join(BENCH, 'target.js'), [], { env: cleanEnv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', ({ port }) => {
      const base = `http://127.0.0.1:${port}`;
      resolve({
        base,
        /** The hold times the target measured since the last call, in ms. */
        holds: () =>
          new Promise((done) => {
            child.once('message', (m) => done(m.holds));
            child.send({ cmd: 'holds' });
          }),
        stop: () => child.disconnect(),
      });
    });
  });
}

/** A probes file with one http probe per path, written to the scratch directory. */
export function probesFile(name, base, probes, { reuseConnections = false } = {}) {
  const lines = ['version: 1', 'defaults:', `  baseUrl: ${base}`, '  timeout: 30s', `  reuseConnections: ${reuseConnections}`, 'probes:'];
  for (const { id, path, samples } of probes) {
    lines.push(`  - id: ${id}`, '    kind: http', '    surface: api', `    samples: ${samples}`, `    request: { url: ${path} }`);
  }
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Nearest-rank percentile of unsorted numbers (the same rule for upprobe's and the baseline's). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Median and range over the rounds of one measurement. */
export function spread(values) {
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values), rounds: values };
}

/** Rounds to `digits` decimals, for the JSON file. */
export function round(value, digits = 2) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
