// A lock file beside a file that several upprobe processes append to (two cron runs that
// overlap): `<path>.lock`, created with O_EXCL, held for the few milliseconds of one append.
// It holds the owner's PID and host, so a lock left by a writer that died is taken over at once.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** A lock older than this was left by a process that died mid-append: it is taken over. */
export const STALE_MS = 30_000;

/** How a lock is waited for; tests shorten the staleness limit. */
export interface LockOptions {
  staleMs?: number;
}

/**
 * The wait outlasts the staleness limit: a lock whose owner cannot be checked (written on another
 * host sharing the file, or a PID reused since) is then always taken over, never given up on.
 */
export const waitLimitMs = (staleMs: number) => staleMs + 5_000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` while holding `<path>.lock`. Synchronous: it guards a single short write. */
export function withFileLock<T>(path: string, fn: () => T, { staleMs = STALE_MS }: LockOptions = {}): T {
  const lock = `${path}.lock`;
  const giveUpAt = Date.now() + waitLimitMs(staleMs);
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid} ${hostname()}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      if (isAbandoned(lock, staleMs)) {
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

/** True when the lock's owner is a process of this host that no longer runs, or the lock is stale. */
function isAbandoned(lock: string, staleMs: number): boolean {
  try {
    const owner = readFileSync(lock, 'utf8');
    if (ownerIsDead(owner)) return true;
    return Date.now() - statSync(lock).mtimeMs > staleMs;
  } catch {
    return false; // gone already: the next attempt takes it
  }
}

/** `"<pid> <host>"`: dead when the host is this one and no process has that PID. Unknown otherwise. */
function ownerIsDead(owner: string): boolean {
  const [pidText, host] = owner.trim().split(' ');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (err) {
    return isCode(err, 'ESRCH'); // EPERM: it exists, run by another user
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
