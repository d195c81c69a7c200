// Writing report files so that readers never see half of one: replaced atomically, or appended in
// one write under a lock (two cron runs that overlap leave two whole records).
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SinkUnusable } from '../sink.js';
import { withFileLock } from './file-lock.js';

/** How a file is written: replaced whole, or one record appended. */
export type WriteMode = 'replace' | 'append';

/**
 * Fails before anything is probed if a report could not be written where asked: the directory
 * must exist and be writable (a replaced file is renamed into it; an appended one has its lock
 * file there), and an existing file to append to must be writable.
 */
export function checkWritable(path: string, mode: WriteMode): void {
  const dir = dirname(resolve(path));
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  };
  if (kind(dir) !== 'directory') throw new SinkUnusable(`cannot write ${path}: directory ${dir} does not exist`);
  const target = kind(path);
  if (target === 'directory') throw new SinkUnusable(`cannot write ${path}: it is a directory`);
  for (const needed of mode === 'append' && target === 'file' ? [dir, path] : [dir]) {
    try {
      accessSync(needed, constants.W_OK);
    } catch {
      throw new SinkUnusable(`cannot write ${path}: ${needed} is not writable`);
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
      const data = Buffer.from(endsWithNewline(fd) ? text : `\n${text}`);
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
    writeFileSync(temporary, text);
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

/** The file's text, or null when there is none yet. */
export function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
