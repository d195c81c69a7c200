// appendWhole, the --record write, under contention: many processes appending large records to
// one file at once must leave only whole lines, in order per writer, and no empty ones.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { waitLimitMs, withFileLock } from '../../src/sinks/files/file-lock.js';
import { BIN } from '../helpers/cli.js';

/**
 * The child processes run the real appendWhole: src/sinks/files/write.ts bundled on its own (dist/ holds
 * only the CLI's bundle, whose chunks do not export it by name).
 */
function bundleOutputModule(): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'upprobe-append-bundle-')), 'output.mjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('../../src/sinks/files/write.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return pathToFileURL(outfile).href;
}

const OUTPUT = bundleOutputModule();

/** A child process that appends `count` JSON lines of ~`bytes` bytes each, tagged with `writer`. */
async function writer(path: string, writer: number, count: number, bytes: number): Promise<number | null> {
  const script = `
    const { appendWhole } = await import(${JSON.stringify(OUTPUT)});
    for (let i = 0; i < ${count}; i++) appendWhole(${JSON.stringify(path)}, JSON.stringify({ writer: ${writer}, i, pad: 'x'.repeat(${bytes}) }) + '\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('appendWhole', () => {
  it('leaves only whole lines when 6 processes append 256 KiB records at once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'upprobe-append-')), 'history.ndjson');
    const codes = await Promise.all(Array.from({ length: 6 }, (_, w) => writer(path, w, 15, 256 * 1024)));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(90);
    expect(existsSync(`${path}.lock`)).toBe(false);
    const seen = lines.map((l) => JSON.parse(l) as { writer: number; i: number });
    for (let w = 0; w < 6; w++) expect(seen.filter((s) => s.writer === w).map((s) => s.i)).toEqual([...Array(15).keys()]);
  });

  it('takes over a lock left behind by a process that died, once it is stale', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'upprobe-append-')), 'history.ndjson');
    writeFileSync(`${path}.lock`, '12345\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect(await writer(path, 0, 1, 10)).toBe(0);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(2);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  // Issue 15, item 3: a lock left by a dead writer made the next run wait 10 s, exit 2 and lose its
  // record: the PID in the lock was never checked, and the wait was shorter than the staleness limit.
  it('takes over at once a fresh lock whose writer is no longer running', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await once(dead, 'exit');
    const dir = mkdtempSync(join(tmpdir(), 'upprobe-append-'));
    const probes = join(dir, 'probes.yaml');
    writeFileSync(probes, 'version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "http://127.0.0.1:1/" } }\n');
    const record = join(dir, 'history.ndjson');
    writeFileSync(`${record}.lock`, `${dead.pid} ${hostname()}\n`);
    const run = spawn(process.execPath, [BIN, 'run', probes, '--record', record, '-q'], { stdio: 'ignore' });
    const [code] = (await once(run, 'exit')) as [number | null];
    expect(code).toBe(1); // the probe failed (nothing listens on port 1); the record was still written
    expect(readFileSync(record, 'utf8').split('\n')).toHaveLength(2);
    expect(existsSync(`${record}.lock`)).toBe(false);
  });

  it('waits for a live holder until its lock is stale, then takes it over', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'upprobe-append-')), 'history.ndjson');
    // Held by this very process as seen from the lock (alive): only staleness can free it.
    writeFileSync(`${path}.lock`, `${process.pid} ${hostname()}\n`);
    expect(waitLimitMs(300)).toBeGreaterThan(300);
    expect(withFileLock(path, () => 'appended', { staleMs: 300 })).toBe('appended');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
