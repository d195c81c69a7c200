// `upprobe report --html` over a long run history (a year of minute runs in a full bench) against
// a bare baseline that reads the same file line by line and JSON-parses each line.
import { openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { probesFile, readJson, round, runNode, runUpprobe, scratch, spread, UPPROBE } from './util.js';

const BARE_READ = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
(async () => { let n = 0; for await (const line of createInterface({ input: createReadStream(process.argv[1]) })) if (line) { JSON.parse(line); n++; } console.log(n); })();`;

/** Writes `runs` minute-apart copies of a real two-probe report, one in 5,000 failing for 5 runs. */
async function history(target, runs) {
  const file = probesFile('html-source', target.base, [{ id: 'api-ok', path: '/ok', samples: 5 }]);
  const source = join(scratch, 'html-source.json');
  await runUpprobe(['run', file, '--json', source, '--quiet']);
  const report = readJson(source);
  const path = join(scratch, 'history.ndjson');
  const fd = openSync(path, 'w');
  const start = Date.UTC(2025, 0, 1);
  let lines = [];
  for (let i = 0; i < runs; i++) {
    const failing = i % 5000 < 5;
    report.startedAt = new Date(start + i * 60_000).toISOString();
    report.summary.surfaces.api.failureRate = failing ? 0.6 : 0;
    report.summary.surfaces.api.failedProbes = failing ? 1 : 0;
    lines.push(JSON.stringify(report));
    if (lines.length === 5000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  writeSync(fd, `${lines.join('\n')}\n`);
  closeSync(fd);
  return path;
}

export async function htmlReport(target, { runs, rounds }) {
  const path = await history(target, runs);
  const out = join(scratch, 'history.html');
  const upprobe = [];
  const bare = [];
  const rss = [];
  for (let i = 0; i < rounds; i++) {
    const u = await runNode([UPPROBE, 'report', path, '--html', out], { rusage: true });
    if (u.code !== 0) throw new Error(`report exited ${u.code}: ${u.stderr.slice(0, 300)}`);
    const b = await runNode(['-e', BARE_READ, path]);
    upprobe.push(round(u.wallMs, 0));
    bare.push(round(b.wallMs, 0));
    rss.push(round(u.maxRssKiB / 1024, 1));
  }
  return {
    runs,
    historyMiB: round(statSync(path).size / 2 ** 20, 1),
    pageKiB: round(statSync(out).size / 1024, 1),
    upprobeMs: spread(upprobe),
    bareReadMs: spread(bare),
    peakRssMiB: spread(rss),
    ratio: spread(upprobe.map((u, i) => round(u / bare[i]))),
  };
}
