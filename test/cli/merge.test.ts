// `upprobe merge` end to end: real runs of the built-in target under different scenarios play
// different vantages; their reports merge into one verdict with a quorum.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MergedReport } from '../../src/analysis/merge.js';
import { probesFile, runCli } from '../helpers/cli.js';

/** The fields of a run report this test reads. */
interface RunReport {
  probes: { id: string; samples: number; latencyMs: { max: number } }[];
}

let dir: string;

/** One demo run as a vantage; its JSON report (and, with `record`, a history line) in `dir`. */
async function vantageRun(name: string, scenario: string, record?: string): Promise<void> {
  const reports = record ? ['--record', join(dir, record)] : ['--json', join(dir, `${name}.json`)];
  const { code, stderr } = await runCli(['demo', '--scenario', scenario, '--vantage', name, '-q', ...reports]);
  expect(code, stderr).toBe(scenario === 'healthy' ? 0 : 1);
}

beforeAll(async () => {
  dir = dirname(probesFile(''));
  await Promise.all([vantageRun('fra1', 'healthy'), vantageRun('iad1', 'app-outage'), vantageRun('sin1', 'app-outage')]);
  // A history: an old outage, then a healthy run; only the newest counts.
  await vantageRun('gru1', 'app-outage', 'gru1.ndjson');
  await vantageRun('gru1', 'healthy', 'gru1.ndjson');
}, 60_000);

describe('upprobe merge', () => {
  it('says api fails globally when most vantages see it, with tables and the agreement line', async () => {
    const out = join(dir, 'merged.json');
    const { code, stdout } = await runCli(['merge', join(dir, 'fra1.json'), join(dir, 'iad1.json'), join(dir, 'sin1.json'), '--json', out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^iad1\s+\S+ \S+\s+healthy\s+failing\s+up\s+1$/m);
    expect(stdout).toMatch(/^api failing from 2 of 3 vantages: iad1 sin1$/m);
    expect(stdout).toMatch(/^web passing at 3 of 3 vantages$/m);
    expect(stdout).toMatch(/^FAIL api failing from 2 of 3 vantages \(iad1 sin1\): global.* · web up · quorum majority · exit 1$/m);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as MergedReport;
    expect(merged).toMatchObject({ schemaVersion: 1, kind: 'merge', quorum: 'majority', exitCode: 1 });
    expect(merged.surfaces.api).toMatchObject({ state: 'failing', scope: 'global', failingVantages: ['iad1', 'sin1'], healthyVantages: 3 });
    const health = merged.probes.find((p) => p.id === 'api-health')!;
    expect(Object.keys(health.byVantage)).toEqual(['fra1', 'iad1', 'sin1']);
    const single = (JSON.parse(readFileSync(join(dir, 'fra1.json'), 'utf8')) as RunReport).probes.find((p) => p.id === 'api-health')!;
    expect(health.samples).toBe(3 * single.samples);
    expect(health.latencyMs!.max).toBeGreaterThanOrEqual(single.latencyMs.max);
  });

  it('exits 0 when the failure is regional (below the quorum), and reads the newest run of a history', async () => {
    const { code, stdout } = await runCli(['merge', join(dir, 'fra1.json'), join(dir, 'iad1.json'), join(dir, 'gru1.ndjson'), '--json', '-']);
    expect(code).toBe(0);
    const merged = JSON.parse(stdout) as MergedReport;
    expect(merged.vantages.map((v) => v.name)).toEqual(['fra1', 'gru1', 'iad1']);
    expect(merged.surfaces.api).toMatchObject({ state: 'failing', scope: 'regional', failingVantages: ['iad1'] });
    const withAny = await runCli(['merge', join(dir, 'fra1.json'), join(dir, 'iad1.json'), '--quorum', 'any', '-q']);
    expect(withAny.code).toBe(1);
    expect(withAny.stdout).toMatch(/^FAIL .*quorum any · exit 1\n$/);
  });

  it('answers bad input with one line naming the file, exit 2', async () => {
    const fra1 = join(dir, 'fra1.json');
    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'hello\n');
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ ...(JSON.parse(readFileSync(fra1, 'utf8')) as object), schemaVersion: 9 }));
    const twin = join(dir, 'fra1-copy.json');
    copyFileSync(fra1, twin);
    const cases: [string[], RegExp][] = [
      [[join(dir, 'missing.json')], /missing\.json: no such file/],
      [[notJson], /notes\.txt: no report in it/],
      [[newer], /newer\.json: schemaVersion 9 is newer than this upprobe reads \(1\)/],
      [[fra1, twin], /fra1-copy\.json: vantage "fra1" at .* is also in .*fra1\.json/],
      [[fra1, '--max-age', '1ms'], /no report in .* started within the last 1ms/],
      [[fra1, '--quorum', 'most'], /--quorum "most": expected majority, any, all or a whole number/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, stdout } = await runCli(['merge', ...args]);
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stdout).toBe('');
    }
  });
});
