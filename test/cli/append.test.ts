// appendWhole, the --record write, under contention: many processes appending large records to
// one file at once must leave only whole lines, in order per writer, and no empty ones.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

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
});
