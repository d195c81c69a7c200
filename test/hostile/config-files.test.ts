// Files that are not probes files, through the real CLI: each one exit 2 with one placed line
// (file:line:column) and no stack trace, quickly, for `validate` and `run` alike.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'upprobe-badfiles-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Both commands: exit 2, the first line placed in `path` and matching `message`. */
async function expectRefused(path: string, message: RegExp): Promise<void> {
  for (const command of ['validate', 'run']) {
    const { code, stdout, stderr } = await runCli([command, path]);
    expect(code, `${command}: ${stderr}`).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`^${escape(path)}:\\d+:\\d+: ${message.source}`));
    expect(stderr).not.toMatch(/\n\s+at |internal error/);
    expect(stdout).toBe('');
  }
}

function billionLaughs(): string {
  const levels = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) {
    const name = String.fromCharCode(97 + i);
    levels.push(`x-${name}: &${name} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  }
  return `version: 1\n${levels.join('\n')}\nprobes: *l\n`;
}

describe('files that are not probes files', () => {
  it('an empty file', () => expectRefused(write('empty.yaml', ''), /the file is empty/));

  it('a directory', async () => {
    const path = join(dir, 'a-directory');
    mkdirSync(path);
    await expectRefused(path, /cannot read the file: it is a directory/);
  });

  it('a missing file', () => expectRefused(join(dir, 'missing.yaml'), /cannot read the file: no such file/));

  it('a binary file', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    return expectRefused(write('binary.yaml', bytes), /not a text file/);
  });

  it('a NUL byte in otherwise fine YAML is placed at its line and column', async () => {
    const path = write('nul.yaml', 'version: 1\nprobes:\n  - id: a\0b\n');
    const { code, stderr } = await runCli(['validate', path]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`${path}:3:10: not a text file: a NUL byte here (is this a binary file?)`);
  });

  it('a UTF-16 file (as Windows editors save)', () => expectRefused(write('utf16.yaml', Buffer.from('\ufeffversion: 1\n', 'utf16le')), /the file is UTF-16/));

  it('a 50 MB file fails at once, without parsing it', () => {
    const line = `x-pad: "${'y'.repeat(1000)}"\n`;
    const path = write('huge.yaml', `version: 1\n${line.repeat(50_000)}`);
    return expectRefused(path, /the file is larger than 1 MiB/);
  });

  it.skipIf(!existsSync('/dev/zero'))('an endless device (/dev/zero)', () => {
    return expectRefused('/dev/zero', /the file is larger than 1 MiB/);
  });

  it('a billion-laughs alias bomb', () => expectRefused(write('laughs.yaml', billionLaughs()), /too many aliases/));

  // As root (CI containers often are), chmod 000 does not stop reading: nothing to test there.
  it.skipIf(process.getuid?.() === 0)('a file nobody may read', async () => {
    const path = write('unreadable.yaml', 'version: 1\n');
    chmodSync(path, 0o000);
    await expectRefused(path, /cannot read the file: permission denied/);
  });
});
