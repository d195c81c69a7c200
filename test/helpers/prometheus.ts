// Debian's Prometheus programs, started by a test on a free loopback port: the Pushgateway (no
// persistence) and Prometheus (remote write receiver on, no scrape targets, a throwaway TSDB).
// A test that needs one FAILS in CI when it is missing (.ci/run installs them) and skips with a
// visible message elsewhere: see `skipWithout` (programs.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasProgram } from './programs.js';

export const PUSHGATEWAY_BIN = 'prometheus-pushgateway';
export const PROMETHEUS_BIN = 'prometheus';
export const PROMTOOL_BIN = 'promtool';

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it; the program binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function startPushgateway(): Promise<RunningServer> {
  return startProgram(PUSHGATEWAY_BIN, 'prometheus-pushgateway', (port) => [
    `--web.listen-address=127.0.0.1:${port}`,
    // Debian's default keeps pushed metrics in /var/lib/prometheus: off, each test starts empty.
    '--persistence.file=',
    '--log.level=warn',
  ]);
}

export interface PrometheusOptions {
  /** Rule files to load (absolute paths), evaluated every second. */
  ruleFiles?: string[];
}

export function startPrometheus(options: PrometheusOptions = {}): Promise<RunningServer> {
  return startProgram(PROMETHEUS_BIN, 'prometheus', (port, dir) => {
    const config = join(dir, 'prometheus.yml');
    // No scrape targets: every series in this Prometheus came by remote write.
    const rules = (options.ruleFiles ?? []).map((file) => `  - ${JSON.stringify(file)}\n`).join('');
    writeFileSync(config, `global:\n  scrape_interval: 1m\n  evaluation_interval: 1s\nscrape_configs: []\nrule_files:\n${rules || '  []\n'}`);
    return [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--log.level=warn',
    ];
  });
}

/** Starts the program on a free port and waits for `/-/ready`; tries another port if one was taken. */
async function startProgram(program: string, pkg: string, args: (port: number, dir: string) => string[]): Promise<RunningServer> {
  if (!hasProgram(program)) throw new Error(`${program} is not installed: apt-get install ${pkg} (.ci/run does)`);
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), `upprobe-${pkg}-`));
    const port = await freePort();
    const child = spawn(program, args(port, dir), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const close = async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitReady(url, child, () => stderr);
      return { url, port, close };
    } catch (err) {
      await close();
      lastError = err as Error;
      if (!/address already in use/.test(stderr)) break;
    }
  }
  throw lastError ?? new Error(`${program} did not start`);
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`${child.spawnfile} exited (${String(code)}) before it was ready: ${stderr().trim().slice(-500)}`);
  });
  exited.catch(() => undefined);
  // Prometheus replays its (empty) WAL and opens the TSDB first: usually well under a second.
  const giveUp = Date.now() + 30_000;
  while (Date.now() < giveUp) {
    const ready = await Promise.race([
      fetch(`${url}/-/ready`).then((r) => r.ok, () => false),
      exited,
    ]);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.spawnfile} was not ready within 30 s: ${stderr().trim().slice(-500)}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}
