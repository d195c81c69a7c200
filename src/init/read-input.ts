// Reads an input file of `init` (a HAR file, an OpenAPI document) into plain data, refusing
// with one line what is not there, not text, or not JSON/YAML.
import { readFile, stat } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { InitInputError } from './errors.js';

/** HAR files hold response bodies and grow large; past this, reading one is not worth the memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** The file's text; reading problems (missing, a directory, huge, binary) as one line naming the file. */
export async function readInputText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InitInputError(`cannot read ${file}: it is a directory, not a file`);
    if (!info.isFile()) throw new InitInputError(`cannot read ${file}: not a regular file`);
    if (info.size > MAX_INPUT_BYTES) throw new InitInputError(`cannot read ${file}: larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof InitInputError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new InitInputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}`);
  }
  if (bytes.includes(0)) throw new InitInputError(`cannot read ${file}: not a text file (it holds NUL bytes)`);
  return bytes.toString('utf8');
}

/** JSON or YAML text as data (JSON is YAML); a syntax error names its line and column. */
export function parseJsonOrYaml(text: string, file: string, what: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const [error] = doc.errors;
  if (error !== undefined) {
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    throw new InitInputError(`${file}:${line}:${column}: not ${what}: it is neither JSON nor YAML (${error.message.split('\n')[0] ?? ''})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new InitInputError(`${file}: not ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A zod issue path as `log.entries[3].request`: where the input went wrong. */
export function dataPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
