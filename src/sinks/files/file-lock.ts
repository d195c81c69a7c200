// A lock file beside a file that several upprobe processes append to (two cron runs that
// overlap): `<path>.lock`, created with O_EXCL, held for the few milliseconds of one append.
import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';

/** A lock older than this was left by a process that died mid-append: it is taken over. */
const STALE_MS = 30_000;
/** How long to wait for another process's append before giving up. */
const WAIT_MS = 10_000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` while holding `<path>.lock`. Synchronous: it guards a single short write. */
export function withFileLock<T>(path: string, fn: () => T): T {
  const lock = `${path}.lock`;
  const giveUpAt = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      if (isStale(lock)) {
        removeQuietly(lock);
        continue;
      }
      if (Date.now() > giveUpAt) throw new Error(`${lock} is held by another process (remove it if no upprobe is running)`);
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
  try {
    return fn();
  } finally {
    removeQuietly(lock);
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_MS;
  } catch {
    return false; // gone already: the next attempt takes it
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already removed
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}
