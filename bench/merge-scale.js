// `upprobe merge` over 1,000 vantages' reports against a bare baseline that only reads and
// JSON-parses the same files: what merging itself (checks, histograms, tables) costs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probesFile, readJson, round, runNode, runUpprobe, scratch, spread, UPPROBE } from './util.js';

const BARE_PARSE = `
const { readFileSync, readdirSync } = require('node:fs');
const dir = process.argv[1];
let probes = 0;
for (const f of readdirSync(dir)) probes += JSON.parse(readFileSync(dir + '/' + f, 'utf8')).probes.length;
console.log(probes);`;

/** Median ms to merge `reports` reports of ten probes each, and the ratio to reading them bare. */
export async function mergeScale(target, { reports, rounds }) {
  const probes = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, path: '/ok', samples: 20 }));
  const file = probesFile('merge-source', target.base, probes);
  const source = join(scratch, 'merge-source.json');
  await runUpprobe(['run', file, '-c', '10', '--json', source, '--quiet']);
  const report = readJson(source);
  const dir = join(scratch, 'merge-reports');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < reports; i++) {
    const path = join(dir, `v${String(i).padStart(4, '0')}.json`);
    writeFileSync(path, JSON.stringify({ ...report, vantage: `v${i}`, startedAt: new Date().toISOString() }));
    files.push(path);
  }
  const upprobe = [];
  const bare = [];
  for (let i = 0; i < rounds; i++) {
    const u = await runNode([UPPROBE, 'merge', ...files, '--max-age', '1h', '--quiet']);
    if (u.code !== 0) throw new Error(`merge exited ${u.code}: ${u.stderr.slice(0, 300)}`);
    const b = await runNode(['-e', BARE_PARSE, dir]);
    upprobe.push(round(u.wallMs, 0));
    bare.push(round(b.wallMs, 0));
  }
  return {
    reports,
    upprobeMs: spread(upprobe),
    bareParseMs: spread(bare),
    ratio: spread(upprobe.map((u, i) => round(u / bare[i]))),
  };
}
