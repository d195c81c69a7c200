// Reading a record from its end: across chunk boundaries, with long lines and multi-byte text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesFromEnd } from '../../src/sinks/files/lines-from-end.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'upprobe-lines-')), 'f');
  writeFileSync(path, text);
  return path;
}

describe('linesFromEnd', () => {
  it('yields the non-empty lines last first, with or without a final line break', () => {
    expect([...linesFromEnd(file('a\nb\n\nc\n'))]).toEqual(['c', 'b', 'a']);
    expect([...linesFromEnd(file('a\nb'))]).toEqual(['b', 'a']);
    expect([...linesFromEnd(file(''))]).toEqual([]);
  });

  it('keeps lines longer than a chunk and multi-byte characters split across chunks whole', () => {
    const long = 'é'.repeat(70_000); // 140,000 bytes: spans three 64 KiB chunks, some cut mid-character
    const lines = ['first', long, `x${long}`, 'last'];
    expect([...linesFromEnd(file(`${lines.join('\n')}\n`))]).toEqual([...lines].reverse());
  });

  it('stops reading when the caller stops asking', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n');
    const iterator = linesFromEnd(file(many));
    expect(iterator.next().value).toBe('line 99999');
    expect(iterator.return(undefined).done).toBe(true); // closes the file
  });
});
