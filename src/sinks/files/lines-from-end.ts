// Reads a file's lines last first, a chunk at a time: `upprobe history` shows the last runs of
// a record that may have grown for a year without reading all of it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 64 * 1024;

/** The file's non-empty lines, last first, without the line breaks. */
export function* linesFromEnd(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    let position = fstatSync(fd).size;
    // Bytes of the line that started before the chunk read so far (split on bytes: UTF-8 safe).
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      readSync(fd, chunk, 0, size, position);
      const buffer = Buffer.concat([chunk, carry]);
      let end = buffer.length;
      for (let i = buffer.length - 1; i >= 0; i--) {
        if (buffer[i] !== 0x0a) continue;
        const line = buffer.subarray(i + 1, end).toString('utf8').trim();
        if (line !== '') yield line;
        end = i;
      }
      carry = buffer.subarray(0, end);
    }
    const first = carry.toString('utf8').trim();
    if (first !== '') yield first;
  } finally {
    closeSync(fd);
  }
}
