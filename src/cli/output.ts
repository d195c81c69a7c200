// The output boundary: everything upprobe prints or writes passes through here, redacted.
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRedactor, redactStrings, type Redact } from '../report/redact.js';
import { UsageError } from './errors.js';
import { withFileLock } from './file-lock.js';

let redact: Redact = (text) => text;

/** Registers the run's secrets; from now on no output can contain them. */
export function setSecrets(secrets: readonly string[]): void {
  redact = createRedactor(secrets);
}

/** Streams whose reader went away (`upprobe run | head`): writing more to them is pointless. */
const readerGone = new WeakSet<NodeJS.WritableStream>();

/**
 * Handles write errors of stdout and stderr: EPIPE means the reader stopped reading (`| head`),
 * which is its choice, not a failure of the run, so the rest of the output is dropped and the
 * exit code stays the run's own (as `yes | head` exits 0 for head). Anything else is `otherwise`'s.
 */
export function watchOutputStream(stream: NodeJS.WriteStream, otherwise: (err: Error) => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') readerGone.add(stream);
    else otherwise(err);
  });
}

export function writeOut(stream: NodeJS.WriteStream, text: string): void {
  if (readerGone.has(stream)) return;
  stream.write(redact(text));
}

/** A run result (or any plain value) with secrets masked in every string, before a reporter cuts any. */
export function redacted<T>(value: T): T {
  return redactStrings(value, redact);
}

/** Colour only on a TTY, without NO_COLOR, and unless --no-color (SPEC). */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return flag !== false && !noColor && stream.isTTY;
}

/** The terminal's width; off a terminal, $COLUMNS (as `ls` and `git` read it), else 120. */
export function terminalWidth(stream: NodeJS.WriteStream): number {
  const fromEnv = Number(process.env.COLUMNS);
  return stream.columns || (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 120);
}

/**
 * Fails before anything is probed if a report could not be written where asked: the directory
 * must exist and be writable (a replaced file is renamed into it; an appended one has its lock
 * file there), and an existing file to append to must be writable.
 */
export function checkWritable(path: string, mode: 'replace' | 'append'): void {
  const dir = dirname(resolve(path));
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  };
  if (kind(dir) !== 'directory') throw new UsageError(`cannot write ${path}: directory ${dir} does not exist`);
  const target = kind(path);
  if (target === 'directory') throw new UsageError(`cannot write ${path}: it is a directory`);
  for (const needed of mode === 'append' && target === 'file' ? [dir, path] : [dir]) {
    try {
      accessSync(needed, constants.W_OK);
    } catch {
      throw new UsageError(`cannot write ${path}: ${needed} is not writable`);
    }
  }
}

/**
 * Appends a record so that two overlapping runs (cron) leave two whole records: under a lock
 * file (file-lock.ts), in a single write(2) to a file opened with O_APPEND. A file whose last line
 * was cut short (a writer died) gets a line break first, so the new record is not glued to it.
 */
export function appendWhole(path: string, text: string): void {
  withFileLock(path, () => {
    const fd = openSync(path, 'a+'); // O_APPEND, and readable for the check below
    try {
      const data = Buffer.from(endsWithNewline(fd) ? redact(text) : `\n${redact(text)}`);
      const written = writeSync(fd, data);
      if (written !== data.length) throw new Error(`short write to ${path}: ${written} of ${data.length} bytes`);
    } finally {
      closeSync(fd);
    }
  });
}

/** True for an empty file or one whose last byte is a line break. */
function endsWithNewline(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  return readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a;
}

/**
 * Writes a report file so that a reader (cron, a dashboard) sees the old file or the new one,
 * never half of one: write a temporary file beside it, then rename it into place.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, redact(text));
    renameSync(temporary, path);
  } catch (err) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}
