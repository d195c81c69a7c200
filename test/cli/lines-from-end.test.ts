// Reading a record from its end: across chunk boundaries, with long lines and multi-byte text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  // Issue 15, item 10: each chunk was glued to the rest of a long line and the whole rescanned,
  // so a 16 MB last line took seconds (50 MB: 87 s). Counted in bytes copied, not in time.
  it('copies each byte of a line spanning many chunks once, not once per chunk', () => {
    const long = 'x'.repeat(4 * 1024 * 1024); // 64 chunks
    const path = file(`first\n${long}\n`);
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      expect([...linesFromEnd(path)].map((l) => l.length)).toEqual([long.length, 5]);
      const copied = concat.mock.calls.reduce((sum, [list]) => sum + list.reduce((n, b) => n + b.length, 0), 0);
      expect(copied).toBeLessThanOrEqual(2 * long.length);
    } finally {
      concat.mockRestore();
    }
  });
});
