// Runs the shipped CLI (bin/upprobe.js, the compiled build) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/upprobe.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Called once the process has started, e.g. to send it a signal. */
  onSpawn?: (child: ChildProcess) => void;
  timeoutMs?: number;
  /** Options for node itself, before the script (e.g. `--import` a preload). */
  nodeArgs?: string[];
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const started = performance.now();
  // The machine's NODE_EXTRA_CA_CERTS (a CI image may set one) costs every Node start ~50 ms, ~10 s
  // over the suite, and no test server is signed by it; a test that needs it passes its own.
  const env: Record<string, string | undefined> = { ...process.env, NODE_EXTRA_CA_CERTS: undefined, NO_COLOR: '1', ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  options.onSpawn?.(child);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Writes a probes file into a fresh temporary directory and returns its path. */
export function probesFile(yaml: string, name = 'probes.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'upprobe-test-'));
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}
