// `upprobe history`: the last runs of a --record file, a sparkline per surface, bad lines counted.
import { appendFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { closedPort } from '../helpers/servers.js';

/** A recorded run as `--record` writes it (the SPEC report on one line), with the fields history reads. */
/** A recorded probe's verdict and classes, as history reads them. */
type RecordedProbe = { id: string; passed: boolean; failuresByClass?: Record<string, number> };

function record(minute: number, apiRate: number, webRate = 0, probes: RecordedProbe[] = []): string {
  const surface = (rate: number) => ({ probes: 2, failedProbes: rate > 0 ? 1 : 0, samples: 10, failedSamples: rate * 10, failureRate: rate, failuresByClass: {} });
  return JSON.stringify({
    schemaVersion: 1,
    tool: { name: 'upprobe', version: '0.1.0' },
    vantage: 'fra1',
    startedAt: new Date(Date.UTC(2026, 2, 10, 10, minute)).toISOString(),
    durationMs: 1200,
    exitCode: apiRate > 0 || webRate > 0 ? 1 : 0,
    summary: { probes: 4, passed: 4, failed: (apiRate > 0 ? 1 : 0) + (webRate > 0 ? 1 : 0), samples: 20, failedSamples: 0, flakySamples: 0, surfaces: { api: surface(apiRate), web: surface(webRate) } },
    probes,
  });
}

function historyFile(lines: string[]): string {
  const file = join(dirname(probesFile('')), 'history.ndjson');
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

describe('upprobe history', () => {
  it('names the probes that failed in each run, with their top class', async () => {
    const failing: RecordedProbe[] = [
      { id: 'api-timeline', passed: false, failuresByClass: { http_5xx: 6, timeout: 1 } },
      { id: 'api-health', passed: false, failuresByClass: { connect: 3 } },
      { id: 'web-home', passed: true, failuresByClass: {} },
      { id: 'login', passed: false, failuresByClass: { capture: 2 } },
      { id: 'links', passed: false },
    ];
    const file = historyFile([record(0, 0, 0, [{ id: 'api-timeline', passed: true }]), record(1, 0.5, 0.1, failing)]);
    const { code, stdout } = await runCli(['history', file]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => l.startsWith('2026-03-10'));
    expect(rows[0]).toMatch(/1\.2s$/);
    expect(rows[1]).toMatch(/1\.2s {2}api-timeline http_5xx, api-health connect, login capture \+1 more$/);
  });

  it('shows the runs oldest first and when the API started failing', async () => {
    const file = historyFile([record(0, 0), record(1, 0), record(2, 0.1), record(3, 0), record(4, 0.5), record(5, 1), record(6, 1)]);
    const { code, stdout } = await runCli(['history', file]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => l.startsWith('2026-03-10'));
    expect(rows.map((l) => l.slice(0, 19))).toEqual(['00', '01', '02', '03', '04', '05', '06'].map((m) => `2026-03-10 10:${m}:00`));
    expect(rows[6]).toMatch(/fra1\s+FAIL\s+1\/4\s+100%\s+0%\s+0\s+1\.2s$/);
    expect(stdout).toMatch(/^api {2}▁▁▂▁▅██ {2}failing since 2026-03-10 10:04:00 \(3 runs\)$/m);
    expect(stdout).toMatch(/^web {2}▁▁▁▁▁▁▁ {2}no failures in 7 runs$/m);
  });

  it('shows the last 20 by default, --last N, and counts malformed lines instead of failing', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => record(i, 0));
    lines.splice(25, 0, '{"schemaVersion":1,"cut short', 'not json at all', JSON.stringify({ schemaVersion: 2 }));
    const file = historyFile(lines);
    const all = await runCli(['history', file]);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').filter((l) => l.startsWith('2026-03-10'))).toHaveLength(20);
    expect(all.stdout).toMatch(/skipped 3 malformed lines in /);
    const last = await runCli(['history', file, '--last', '3']);
    expect(last.stdout.split('\n').filter((l) => l.startsWith('2026-03-10')).map((l) => l.slice(11, 16))).toEqual(['10:27', '10:28', '10:29']);
    expect(last.stdout).not.toMatch(/skipped/); // the bad lines are older than the 3 runs shown
    expect(last.stdout).toMatch(/^api {2}▁▁▁ {2}no failures in 3 runs$/m);
  });

  it('an empty record says so; a missing file is a usage error', async () => {
    const empty = historyFile([]);
    const shown = await runCli(['history', empty]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/no runs recorded in .* yet/);
    const missing = await runCli(['history', `${empty}.nope`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*\.nope: no such file/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const bad = await runCli(['history', empty, '--last', '0']);
    expect(bad.code).toBe(2);
  });

  it('a line cut short by a crash does not swallow the next recorded run', async () => {
    const file = historyFile([record(0, 0)]);
    appendFileSync(file, '{"schemaVersion":1,"startedAt":"2026'); // no line break: a writer died
    const port = await closedPort();
    const s = await runCli(['run', probesFile(`version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "http://127.0.0.1:${port}/" } }\n`), '--record', file, '-q']);
    expect(s.code).toBe(1);
    const { stdout } = await runCli(['history', file]);
    expect(stdout).toMatch(/skipped 1 malformed line/);
    expect(stdout.split('\n').filter((l) => /^\d{4}-/.test(l))).toHaveLength(2);
  });
});
