// Reads a file's lines last first, a chunk at a time: `upprobe history` shows the last runs of
// a record that may have grown for a year without reading all of it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 64 * 1024;

/**
 * The file's non-empty lines, last first, without the line breaks. Each byte is read, scanned and
 * copied once however long the line: a line spanning many chunks keeps its chunks in a list and
 * is joined once, when its start is found (joining chunk by chunk made one 16 MB line take seconds).
 */
export function* linesFromEnd(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    let position = fstatSync(fd).size;
    // The chunks of the line that started before the part read so far, first chunk first (split on bytes: UTF-8 safe).
    let pending: Buffer[] = [];
    const take = (head: Buffer): string => {
      const line = pending.length === 0 ? head.toString('utf8') : Buffer.concat([head, ...pending.reverse()]).toString('utf8');
      pending = [];
      return line.trim();
    };
    while (position > 0) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      readSync(fd, chunk, 0, size, position);
      let end = chunk.length;
      for (let i = chunk.lastIndexOf(0x0a, end - 1); i >= 0; i = i > 0 ? chunk.lastIndexOf(0x0a, i - 1) : -1) {
        const line = take(chunk.subarray(i + 1, end));
        if (line !== '') yield line;
        end = i;
      }
      // `pending` is kept last chunk first while it grows, reversed once when the line is joined.
      if (end > 0) pending.push(chunk.subarray(0, end));
    }
    const first = take(Buffer.alloc(0));
    if (first !== '') yield first;
  } finally {
    closeSync(fd);
  }
}
