// The terminal's tables: columns padded to their widest cell as the terminal shows it (colour
// codes take no room, wide characters two), aligned, without trailing blanks; and a table of tens
// of thousands of rows prints at once (cli-table3's layout was quadratic: 16,000 probes, 38 s).
import { Chalk } from 'chalk';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ColumnTable } from '../../src/report/columns.js';

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });

describe('ColumnTable', () => {
  it('pads each column to its widest cell, left or right, with the gap between', () => {
    const t = new ColumnTable(['probe', 'samples', 'failures'], plain, ['left', 'right', 'left']);
    t.push(['api-health', '5', ''], ['web', '120', 'http_5xx×3']);
    expect(t.toString()).toBe(['probe       samples  failures', 'api-health        5', 'web             120  http_5xx×3'].join('\n'));
  });

  it('counts what the terminal shows: no room for colour, two columns for wide characters', () => {
    const t = new ColumnTable(['id', 'n'], colour, ['left', 'right'], ' ');
    t.push([colour.red('ok'), '1'], ['日本', '22'], ['😀x', '3'], ['e\u0301', '4'], ['❤️', '5'], ['👍🏽', '6'], ['👩‍💻', '7']);
    const lines = stripVTControlCharacters(t.toString()).split('\n');
    expect(lines).toEqual(['id    n', 'ok    1', '日本 22', '😀x   3', 'e\u0301     4', '❤️    5', '👍🏽    6', '👩‍💻    7']);
  });

  it('prints 50,000 rows (a probes file of that size) without quadratic layout', () => {
    const t = new ColumnTable(['probe', 'ok %'], plain, ['left', 'right']);
    for (let i = 0; i < 50_000; i++) t.push([`p${i}`, '100%']);
    const lines = t.toString().split('\n');
    expect(lines).toHaveLength(50_001);
    expect(lines.at(-1)).toBe('p49999  100%');
  });
});
