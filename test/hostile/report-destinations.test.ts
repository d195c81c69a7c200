// Issue 15, item 1: report paths that are not plain regular files. As curl -o and a shell's `>`
// do, devices and FIFOs are written directly and symlinks are written through to their target;
// an existing report keeps its mode; a name the file system cannot hold is refused before probing.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

const isRoot = process.getuid?.() === 0;

/**
 * A character device to write to: as root, a private copy made with mknod (so a regression
 * replaces that copy, not the system's); otherwise the system's own, which upprobe cannot replace.
 */
function device(name: 'null' | 'full'): string {
  if (!isRoot) return `/dev/${name}`;
  const path = join(mkdtempSync(join(tmpdir(), 'upprobe-dev-')), name);
  execFileSync('mknod', [path, 'c', '1', name === 'null' ? '3' : '7']);
  chmodSync(path, 0o666);
  return path;
}

async function passingProbes(): Promise<{ file: string; requests: () => number }> {
  let requests = 0;
  const s = await keep(startHttpServer((_req, res) => (requests++, res.end('ok'))));
  return { file: probesFile(`version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "${s.url}/" } }\n`), requests: () => requests };
}

describe('report destinations that are not regular files', () => {
  it('every report to a null device is written into it, leaving it a device (and no file beside it)', async () => {
    const { file } = await passingProbes();
    const dev = device('null');
    // One device may take several reports: only a regular file cannot be written twice.
    const { code, stderr } = await runCli(['run', file, '--json', dev, '--junit', dev, '--prom', dev, '--record', dev]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(statSync(dev).isCharacterDevice()).toBe(true);
    if (isRoot) expect(readdir(dirname(dev))).toEqual(['null']); // no lock or temporary file
  });

  it('a full device (ENOSPC) is a report that could not be written: exit 2', async () => {
    const { file } = await passingProbes();
    const dev = device('full');
    const { code, stderr } = await runCli(['run', file, '--junit', dev]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write .*full.*(ENOSPC|no space)/i);
    expect(statSync(dev).isCharacterDevice()).toBe(true);
  });

  it('a FIFO is written to the process reading it, not replaced; --prom does not read it first', async () => {
    const { file } = await passingProbes();
    const dir = mkdtempSync(join(tmpdir(), 'upprobe-fifo-'));
    const fifo = join(dir, 'metrics.prom');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (read += d));
    const closed = once(reader, 'close');
    let outcome;
    try {
      outcome = await runCli(['run', file, '--prom', fifo]);
      await closed;
    } finally {
      reader.kill();
    }
    const { code, stderr } = outcome;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(read).toMatch(/^upprobe_probe_success\{.*probe="a".*\} 1$/m);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('--json /dev/stdout into a pipe (| jq) writes the report to that pipe', async () => {
    const { file } = await passingProbes();
    // Through a shell pipe, as `| jq` makes it (a child's stdio from Node is a socket, not a pipe).
    const piped = spawn('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" run "${file}" --json /dev/stdout -q | cat`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    piped.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    piped.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const [code] = (await once(piped, 'close')) as [number | null];
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    // The verdict line and the report share the pipe; the report is the JSON after the verdict.
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({ schemaVersion: 1 });
  });

  it('a FIFO nobody reads is a report that could not be written (exit 2), not a hang', async () => {
    const { file } = await passingProbes();
    const fifo = join(mkdtempSync(join(tmpdir(), 'upprobe-fifo-')), 'report.json');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await runCli(['run', file, '--json', fifo], { timeoutMs: 15_000 });
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write .*report\.json.*no process is reading/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a symlink is written through: the link stays, its target gets the report', async () => {
    const { file } = await passingProbes();
    const dir = mkdtempSync(join(tmpdir(), 'upprobe-link-'));
    const target = join(dir, 'reports', 'latest-real.json');
    execFileSync('mkdir', [dirname(target)]);
    writeFileSync(target, '{"old":true}');
    const link = join(dir, 'latest.json');
    symlinkSync(join('reports', 'latest-real.json'), link);
    const { code, stderr } = await runCli(['run', file, '--json', link]);
    expect(code, stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('reports', 'latest-real.json'));
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ schemaVersion: 1 });
    // A dangling link creates its target, as `>` and curl -o do.
    const dangling = join(dir, 'new.json');
    symlinkSync(join('reports', 'new-real.json'), dangling);
    expect((await runCli(['run', file, '--json', dangling])).code).toBe(0);
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'new-real.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
  });

  it('an existing report keeps its mode (a 0600 report stays 0600)', async () => {
    const { file } = await passingProbes();
    const report = join(dirname(file), 'private.json');
    writeFileSync(report, '{}');
    chmodSync(report, 0o600);
    const { code } = await runCli(['run', file, '--json', report]);
    expect(code).toBe(0);
    expect(statSync(report).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ schemaVersion: 1 });
  });

  it('a 250-character file name is written; one the file system cannot hold is refused before probing', async () => {
    const { file, requests } = await passingProbes();
    const long = join(dirname(file), `${'r'.repeat(245)}.json`);
    const ok = await runCli(['run', file, '--json', long]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(long, 'utf8'))).toMatchObject({ schemaVersion: 1 });
    const before = requests();
    const tooLong = await runCli(['run', file, '--junit', join(dirname(file), `${'r'.repeat(300)}.xml`)]);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/cannot write .*: the file name is longer than 255 bytes/);
    expect(requests()).toBe(before);
  });
});

function readdir(dir: string): string[] {
  return execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
