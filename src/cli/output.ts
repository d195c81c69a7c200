// The output boundary: everything upprobe prints or writes passes through here, redacted.
import { randomBytes } from 'node:crypto';
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRedactor, redactStrings, type Redact } from '../report/redact.js';
import { UsageError } from './errors.js';

let redact: Redact = (text) => text;

/** Registers the run's secrets; from now on no output can contain them. */
export function setSecrets(secrets: readonly string[]): void {
  redact = createRedactor(secrets);
}

export function writeOut(stream: NodeJS.WriteStream, text: string): void {
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

/** Fails before anything is probed if a report could not be written where asked. */
export function checkWritable(path: string): void {
  const dir = dirname(resolve(path));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`cannot write ${path}: directory ${dir} does not exist`);
  let target;
  try {
    target = statSync(path);
  } catch {
    return; // not there yet: it will be created
  }
  if (target.isDirectory()) throw new UsageError(`cannot write ${path}: it is a directory; give a file name`);
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
