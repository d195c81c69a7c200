// Writes the drafted file, never over an existing one unless asked (SPEC: `--force`).
import { writeFileSync } from 'node:fs';
import { InitInputError } from './errors.js';

/** Refuses early, before any URL is fetched, when the file exists and `force` is off. */
export function checkCanWrite(path: string, force: boolean, exists: (path: string) => boolean): void {
  if (!force && exists(path)) throw new InitInputError(`${path} already exists; pass --force to replace it, or -o to write another file`);
}

/** Writes `text`; without `force` the file is created exclusively, so a file that appeared meanwhile survives. */
export function writeDraft(path: string, text: string, force: boolean): void {
  try {
    writeFileSync(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST') throw new InitInputError(`${path} already exists; pass --force to replace it, or -o to write another file`);
    if (code === 'ENOENT') throw new InitInputError(`cannot write ${path}: its directory does not exist`);
    if (code === 'EISDIR') throw new InitInputError(`cannot write ${path}: it is a directory`);
    if (code === 'EACCES' || code === 'EPERM') throw new InitInputError(`cannot write ${path}: permission denied`);
    throw error;
  }
}
