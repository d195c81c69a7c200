// Borderless tables: a bold header row, then rows, each column padded to its widest cell and
// aligned left or right, columns separated by a gap. Linear in the number of rows: cli-table3,
// used before, lays out row spans in quadratic time (16,000 probes took 38 s to print).
import { stripVTControlCharacters } from 'node:util';
import type { ChalkInstance } from 'chalk';
import { eastAsianWidth } from 'get-east-asian-width';

export type Align = 'left' | 'right';

/** Combining marks, joiners, variation selectors, controls: drawn on the character before. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

const EMOJI_PRESENTATION = 0xfe0f;
const JOINER = 0x200d;
const isSkinTone = (code: number) => code >= 0x1f3fb && code <= 0x1f3ff;

/**
 * Columns a cell takes on a terminal: colour codes none, East Asian wide characters and emoji two
 * (a character made emoji by U+FE0F too, `❤️`; a skin tone or a joined emoji adds nothing),
 * combining marks none.
 */
function widthOf(cell: string): number {
  const plain = stripVTControlCharacters(cell);
  if (/^[\x20-\x7e]*$/.test(plain)) return plain.length;
  let width = 0;
  let last = 0;
  let joined = false;
  for (const char of plain) {
    const code = char.codePointAt(0) ?? 0;
    if (code === EMOJI_PRESENTATION) {
      width += 2 - last;
      last = 2;
    } else if (joined || isSkinTone(code) || ZERO_WIDTH.test(char)) {
      last = joined || isSkinTone(code) ? last : 0;
    } else {
      last = eastAsianWidth(code);
      width += last;
    }
    joined = code === JOINER;
  }
  return width;
}

export class ColumnTable {
  private readonly rows: string[][] = [];

  constructor(
    head: readonly string[],
    c: ChalkInstance,
    private readonly align: readonly Align[],
    private readonly gap = '  ',
  ) {
    this.rows.push(head.map((h) => c.bold(h)));
  }

  push(...rows: string[][]): void {
    this.rows.push(...rows);
  }

  /** The table, one line per row, without trailing blanks. */
  toString(): string {
    const widths: number[] = [];
    const measured = this.rows.map((row) =>
      row.map((cell, i) => {
        const width = widthOf(cell);
        widths[i] = Math.max(widths[i] ?? 0, width);
        return width;
      }),
    );
    return this.rows
      .map((row, r) =>
        row
          .map((cell, i) => {
            const pad = ' '.repeat((widths[i] ?? 0) - (measured[r]?.[i] ?? 0));
            return this.align[i] === 'right' ? pad + cell : cell + pad;
          })
          .join(this.gap)
          .trimEnd(),
      )
      .join('\n');
  }
}
