// Writing report files so that readers never see half of one: replaced atomically, or appended in
// one write under a lock (two cron runs that overlap leave two whole records).
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, constants, fstatSync, openSync, readFileSync, readSync, renameSync, type Stats, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withFileLock } from './file-lock.js';

/** How a file is written: replaced whole, or one record appended. */
export type WriteMode = 'replace' | 'append';

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
 * never half of one: write a temporary file beside it, then rename it into place. The new file
 * keeps the mode (and, where allowed, the owner) of the one it replaces, as logrotate does: a
 * 0600 report stays private. The temporary name is short, so any name the target can have fits.
 */
export function writeFileAtomic(path: string, text: string, existing: Stats | null = null): void {
  const temporary = join(dirname(path), `.upprobe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, existing ? { mode: existing.mode & 0o7777 } : {});
    if (existing) {
      chmodSync(temporary, existing.mode & 0o7777); // the umask narrowed the mode given at creation
      keepOwner(temporary, existing);
    }
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

function keepOwner(path: string, existing: Stats): void {
  if (existing.uid === process.getuid?.() && existing.gid === process.getgid?.()) return;
  try {
    chownSync(path, existing.uid, existing.gid);
  } catch {
    // Only root may give a file away: the report is then ours, as any new file would be.
  }
}

/**
 * Writes a report into a device or FIFO as it is (it cannot be replaced, read back or locked).
 * A FIFO no process is reading would block the run forever at open, so that is an error instead.
 */
export function writeToStream(path: string, text: string, fifo: boolean): void {
  if (!fifo) {
    writeFileSync(path, text, { flag: 'w' });
    return;
  }
  let probe: number;
  try {
    probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENXIO') throw new Error('no process is reading this FIFO');
    throw err;
  }
  try {
    // A reader is there, so this open does not block; it is made before the probe closes, else
    // the reader would see the end of its input. Blocking writes let a slow reader take its time.
    const fd = openSync(path, constants.O_WRONLY);
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
  } finally {
    closeSync(probe);
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
