// Nothing half-written: a reader polling the report file (cron, a dashboard) always sees a whole
// report, old or new; SIGTERM mid-run still writes what was measured, marked interrupted (exit 143).
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

describe('report files', () => {
  it('are replaced whole: a reader polling during three runs never sees a partial report', async () => {
    // Every request fails differently (its own path in a 500 body), so the report is large (~1 MB)
    // and takes a while to write: long enough for a non-atomic write to be caught half-way.
    const s = await keep(startHttpServer((req, res) => res.writeHead(500, `Broken ${req.url}`).end()));
    const probes = Array.from({ length: 40 }, (_, i) => `  - { id: p${i}, kind: http, surface: web, request: { url: "/p${i}" } }`);
    const file = probesFile(`version: 1\ndefaults: { baseUrl: "${s.url}", samples: 10 }\nprobes:\n${probes.join('\n')}\n`);
    const report = join(dirname(file), 'report.json');
    writeFileSync(report, JSON.stringify({ old: true }));

    let reads = 0;
    const bad: string[] = [];
    const sizes = new Set<number>();
    let polling = true;
    let seen = '';
    const poll = async () => {
      while (polling) {
        // Read only when the file changed (another inode, size or time: a write in place shows as
        // a growing size): re-reading the same megabyte on every turn only took CPU from the runs
        // being watched, and from the other spec files.
        const { ino, size, mtimeNs } = statSync(report, { bigint: true });
        const now = `${ino}:${size}:${mtimeNs}`;
        reads++;
        if (now !== seen) {
          seen = now;
          const text = readFileSync(report, 'utf8');
          sizes.add(text.length);
          try {
            JSON.parse(text);
          } catch {
            bad.push(`${text.length} bytes: …${text.slice(-80)}`);
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const poller = poll();
    for (let run = 0; run < 3; run++) {
      const { code, stderr } = await runCli(['run', file, '-c', '32', '--json', report, '-q']);
      expect(code, stderr).toBe(1);
    }
    polling = false;
    await poller;

    expect(bad).toEqual([]);
    expect(reads).toBeGreaterThan(50);
    expect(sizes.size).toBeGreaterThan(1); // the reader did see the old file and a new one
    const final = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
    expect(final.summary.samples).toBe(40 * 10);
    // No temporary files left beside it.
    expect(readdirSync(dirname(report)).sort()).toEqual(['probes.yaml', 'report.json']);
  }, 60_000);

  it('a report path that is a directory is refused before anything is probed', async () => {
    let requests = 0;
    const s = await keep(startHttpServer((_req, res) => (requests++, res.end('ok'))));
    const file = probesFile(`version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "${s.url}/" } }\n`);
    const target = join(dirname(file), 'a-directory');
    mkdirSync(target);
    const { code, stderr } = await runCli(['run', file, '--json', target]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write .*a-directory.*directory/);
    expect(requests).toBe(0);
  });
});

describe('SIGTERM during a run', () => {
  /** A file whose `fast` samples answer and whose `hung` ones never do; `hanging` settles once all three hang. */
  async function halfHung(): Promise<{ file: string; hanging: Promise<void> }> {
    let hung = 0;
    let allHanging = () => undefined as void;
    const hanging = new Promise<void>((resolve) => (allHanging = resolve));
    const s = await keep(startHttpServer((req, res) => (req.url === '/fast' ? res.end('ok') : ++hung === 3 && allHanging())));
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - { id: fast, kind: http, surface: api, samples: 3, request: { url: /fast } }
  - { id: hung, kind: http, surface: web, samples: 3, request: { url: /hung } }
`);
    return { file, hanging };
  }

  /**
   * SIGTERM(s) once the run is under way: every sample started, the fast ones answered a moment
   * ago. Not a fixed delay after spawn: a loaded machine may not even have started Node by then.
   */
  const terminateWhen = (hanging: Promise<void>, times: number) => (child: ChildProcess) =>
    void hanging.then(() => setTimeout(() => {
      for (let i = 0; i < times; i++) child.kill('SIGTERM');
    }, 300));

  it('writes the report of what was measured, marked interrupted, and exits 143', async () => {
    const { file, hanging } = await halfHung();
    const report = join(dirname(file), 'report.json');
    writeFileSync(report, JSON.stringify({ old: true }));
    const { code, stdout, ms } = await runCli(['run', file, '--json', report, '-t', '30s'], { onSpawn: terminateWhen(hanging, 1) });
    expect(code).toBe(143);
    expect(ms).toBeLessThan(10_000);
    const written = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
    expect(written).toMatchObject({ interrupted: true, exitCode: 143 });
    // The answered samples are in it; the hung ones were dropped, not counted as failures.
    expect(written.probes.map((p) => [p.id, p.samples, p.failedSamples])).toEqual([
      ['fast', 3, 0],
      ['hung', 0, 0],
    ]);
    expect(stdout).toMatch(/exit 143/);
  });

  it('a second SIGTERM exits at once, leaving the old report whole', async () => {
    const { file, hanging } = await halfHung();
    const report = join(dirname(file), 'report.json');
    writeFileSync(report, JSON.stringify({ old: true }));
    const { code, signal } = await runCli(['run', file, '--json', report, '-t', '30s'], { onSpawn: terminateWhen(hanging, 2) });
    // upprobe's own exit 143, or, when the first SIGTERM's run had already ended and let go of the
    // signal before the second arrived (a loaded machine), death by SIGTERM: 143 to a shell too.
    expect(code === 143 || (code === null && signal === 'SIGTERM'), `code ${code}, signal ${signal}`).toBe(true);
    const text = readFileSync(report, 'utf8');
    const parsed = JSON.parse(text) as { old?: boolean; interrupted?: boolean };
    expect(parsed.old === true || parsed.interrupted === true).toBe(true);
    expect(existsSync(report)).toBe(true);
  });
});
