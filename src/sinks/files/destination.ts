// What a report path is, decided the way curl -o and a shell's `>` decide it: a regular file
// (replaced whole, or appended to), or a device or FIFO that is written directly. Symlinks are
// followed to their target, so a link keeps pointing where it did and its target gets the report.
import { accessSync, constants, lstatSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { SinkUnusable } from '../sink.js';
import type { WriteMode } from './write.js';

/** Linux's and macOS's limits on one name and on a whole path, in bytes. */
const NAME_MAX = 255;
const PATH_MAX = 4096;
/** More links than this in a row is a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;

/** Two reports at one path would overwrite each other, unless it is a device or FIFO: null then (select.ts). */
export function destinationKey(path: string, mode: WriteMode): string | null {
  try {
    const destination = inspectDestination(path, mode);
    return destination.kind === 'file' ? destination.path : null;
  } catch {
    return resolve(path); // check() says what is wrong with it
  }
}

/**
 * Where a report goes. `file`: a regular file, existing or not, at `path` (symlinks resolved), written
 * beside itself and renamed into place, or appended to. `stream`: a device (/dev/null, /dev/stdout
 * on a terminal) or a FIFO, opened and written as it is: it cannot be replaced, read back or locked.
 */
export type Destination = { kind: 'file'; path: string; existing: Stats | null } | { kind: 'stream'; path: string; fifo: boolean };

/**
 * Follows `path` through its symlinks (a dangling one to the file it names) and says what is there.
 * A SinkUnusable (exit 2) for anything a report cannot be written to, so it is known before probing.
 */
export function inspectDestination(path: string, mode: WriteMode): Destination {
  const fail = (reason: string) => new SinkUnusable(`cannot write ${path}: ${reason}`);
  // A device or FIFO is opened by the path as given: the kernel follows links such as
  // /dev/stdout → /proc/self/fd/1 → a pipe, which no readlink could name.
  const direct = statOrNull(resolve(path));
  if (direct && (direct.isCharacterDevice() || direct.isBlockDevice() || direct.isFIFO())) {
    mustWrite(resolve(path), fail);
    return { kind: 'stream', path: resolve(path), fifo: direct.isFIFO() };
  }
  if (direct?.isSocket()) throw fail('it is a socket');
  const real = followLinks(path, fail);
  if (Buffer.byteLength(basename(real)) > NAME_MAX) throw fail(`the file name is longer than ${NAME_MAX} bytes`);
  if (Buffer.byteLength(real) >= PATH_MAX) throw fail(`the path is longer than ${PATH_MAX} bytes`);
  const stats = statOrNull(real);
  if (stats?.isDirectory()) throw fail('it is a directory');
  if (stats && (stats.isCharacterDevice() || stats.isBlockDevice() || stats.isFIFO())) {
    mustWrite(real, fail);
    return { kind: 'stream', path: real, fifo: stats.isFIFO() };
  }
  if (stats && !stats.isFile()) throw fail('it is a socket');
  const dir = dirname(real);
  if (!statOrNull(dir)?.isDirectory()) throw fail(`directory ${dir} does not exist`);
  // A replaced file is renamed into its directory; an appended one has its lock file there.
  mustWrite(dir, fail);
  if (mode === 'append' && stats) mustWrite(real, fail);
  return { kind: 'file', path: real, existing: stats };
}

function followLinks(path: string, fail: (reason: string) => SinkUnusable): string {
  let current = resolve(path);
  for (let i = 0; i < MAX_LINKS; i++) {
    let link: Stats;
    try {
      link = lstatSync(current);
    } catch (err) {
      if (isCode(err, 'ENAMETOOLONG')) throw fail(`the file name is longer than ${NAME_MAX} bytes`);
      return current; // nothing there yet: the report creates it
    }
    if (!link.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw fail('too many levels of symbolic links');
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function mustWrite(path: string, fail: (reason: string) => SinkUnusable): void {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw fail(`${path} is not writable`);
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}
