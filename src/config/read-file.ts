// Reads a probes file as text, refusing at once what cannot be one: a file too large to be a
// probes file (parsing 50 MB of YAML takes minutes), an endless device, binary data, UTF-16.
import { open } from 'node:fs/promises';
import { ConfigError, problemAtStart, type ConfigProblem } from './errors.js';

/** Far more than any real probes file (the shipped one is 2 KB), far less than slow to parse. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The file's text, or a ConfigError saying why it cannot be read as a probes file. */
export async function readConfigText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readAtMost(file, MAX_CONFIG_BYTES + 1);
  } catch (error) {
    throw new ConfigError([problemAtStart(file, `cannot read the file: ${readFailure(error)}`)]);
  }
  if (bytes.length > MAX_CONFIG_BYTES) {
    throw new ConfigError([problemAtStart(file, `the file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; a probes file is a few KB of YAML (is this the right file?)`)]);
  }
  const problem = notText(bytes, file);
  if (problem) throw new ConfigError([problem]);
  return bytes.toString('utf8');
}

/** Reads up to `limit` bytes, so a huge file or /dev/zero costs no more than that. */
async function readAtMost(file: string, limit: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    let size = 0;
    while (size < limit) {
      const { bytesRead } = await handle.read(buffer, size, limit - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}

/** Why the bytes are not YAML text (UTF-8 without NUL), at the first offending byte; null if they are. */
function notText(bytes: Buffer, file: string): ConfigProblem | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return problemAtStart(file, 'the file is UTF-16 text; save it as UTF-8');
  }
  const text = bytes.toString('utf8');
  const nul = text.indexOf('\0');
  const invalid = firstInvalidUtf8(text, bytes);
  const at = Math.min(nul < 0 ? Infinity : nul, invalid < 0 ? Infinity : invalid);
  if (at === Infinity) return null;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const what = at === nul ? 'a NUL byte' : 'bytes that are not UTF-8';
  return { file, line, column, message: `not a text file: ${what} here (is this a binary file?)` };
}

/**
 * Where the decoded text first holds a replacement character that the file did not contain as
 * such (bytes EF BF BD): the first bytes that are not UTF-8. -1 when there are none.
 */
function firstInvalidUtf8(text: string, bytes: Buffer): number {
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    // Everything before the first invalid sequence decoded as written, so its length in bytes is exact.
    const offset = Buffer.byteLength(text.slice(0, i));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return i;
  }
  return -1;
}

function readFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
