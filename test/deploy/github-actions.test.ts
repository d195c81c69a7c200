// deploy/github-actions/upprobe-matrix.yml: a matrix of vantages that each run upprobe and upload
// their report, and a merge job that downloads them all and fails on `upprobe merge`'s exit code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, probesFile } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  'continue-on-error'?: boolean;
}
interface Job {
  needs?: string | string[];
  if?: string;
  'runs-on': string;
  strategy?: { 'fail-fast'?: boolean; matrix: { include: { vantage: string; runner: string | string[] }[] } };
  steps: Step[];
  'continue-on-error'?: boolean;
}
interface Workflow {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown };
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(new URL('../../deploy/github-actions/upprobe-matrix.yml', import.meta.url), 'utf8')) as Workflow;
const probe = workflow.jobs.probe;
const merge = workflow.jobs.merge;

closeAfterEach();

/**
 * Runs a step's script as the runner would (bash), with this checkout's upprobe standing in for
 * `npx upprobe@…` and the matrix values filled in.
 */
async function runStep(script: string, cwd: string, vantage: string): Promise<{ status: number | null; stdout: string }> {
  const local = script.replaceAll(/npx (--yes )?upprobe@\$\{UPPROBE_VERSION\}/g, `node ${JSON.stringify(BIN)}`).replaceAll('${{ matrix.vantage }}', vantage);
  // Not spawnSync: the test's own server must keep answering while the step runs.
  const child = spawn('bash', ['-e', '-c', local], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout };
}

function stepUsing(job: Job | undefined, action: string): Step | undefined {
  return job?.steps.find((s) => s.uses?.startsWith(`${action}@`));
}

describe('the GitHub Actions workflow', () => {
  it('runs on a schedule and by hand', () => {
    expect(workflow.on.schedule?.[0]?.cron.split(' ')).toHaveLength(5);
    expect('workflow_dispatch' in workflow.on).toBe(true);
  });

  it('has a matrix of distinct vantages, each on its runner, none cancelling the others', () => {
    const include = probe?.strategy?.matrix.include ?? [];
    expect(include.length).toBeGreaterThanOrEqual(2);
    expect(new Set(include.map((e) => e.vantage)).size).toBe(include.length);
    expect(new Set(include.map((e) => JSON.stringify(e.runner))).size).toBe(include.length);
    expect(probe?.strategy?.['fail-fast']).toBe(false);
    expect(probe?.['runs-on']).toBe('${{ matrix.runner }}');
  });

  it('each vantage runs upprobe with its name and uploads its JSON report, even when probes failed', () => {
    const run = probe?.steps.find((s) => /\bupprobe\S* run\b/.test(s.run ?? ''));
    expect(run?.run).toMatch(/npx (--yes )?upprobe\S* run \S+ --vantage \$\{\{ matrix\.vantage \}\} --json report-\$\{\{ matrix\.vantage \}\}\.json/);
    // Exit 1 and 4 are a vantage's verdict for the merge to weigh; 2 and 3 fail the job.
    expect(run?.run).toMatch(/case "\$\{code\}" in 0\|1\|4\) exit 0 ;; \*\) exit "\$\{code\}" ;; esac/);
    const upload = stepUsing(probe, 'actions/upload-artifact');
    expect(upload?.if).toBe('always()');
    expect(upload?.with).toMatchObject({ name: 'report-${{ matrix.vantage }}', path: 'report-${{ matrix.vantage }}.json' });
  });

  it('merges every report after the matrix, and fails on the merge\'s exit code', () => {
    expect([merge?.needs].flat()).toContain('probe');
    expect(merge?.if).toMatch(/!cancelled\(\)|always\(\)/);
    const download = stepUsing(merge, 'actions/download-artifact');
    expect(download?.with).toMatchObject({ pattern: 'report-*', 'merge-multiple': true });
    const steps = merge?.steps ?? [];
    const mergeStep = steps.find((s) => /\bupprobe\S* merge\b/.test(s.run ?? ''));
    expect(mergeStep?.run).toMatch(/npx (--yes )?upprobe\S* merge report-\*\.json/);
    expect(steps.indexOf(download ?? {})).toBeLessThan(steps.indexOf(mergeStep ?? {}));
    // Nothing may swallow the exit code.
    expect(mergeStep?.run).not.toMatch(/\|\||;\s*true|set \+e/);
    expect(mergeStep?.['continue-on-error']).toBeUndefined();
    expect(merge?.['continue-on-error']).toBeUndefined();
  });

  it('the run step, executed: a failing probe still passes the step and leaves the report; a broken config fails it', async () => {
    const script = probe?.steps.find((s) => /\bupprobe\S* run\b/.test(s.run ?? ''))?.run ?? '';
    const server = await keep(startHttpServer((_req, res) => res.writeHead(503).end()));
    const dir = dirname(probesFile(`version: 1\nprobes:\n  - { id: api-down, kind: http, surface: api, request: { url: "${server.url}/" } }\n`));
    const failing = await runStep(script, dir, 'lab1');
    expect(failing.stdout).toContain('upprobe run exited 1');
    expect(failing.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report-lab1.json'), 'utf8')) as { vantage: string; exitCode: number };
    expect(report).toMatchObject({ vantage: 'lab1', exitCode: 1 });

    writeFileSync(join(dir, 'probes.yaml'), 'version: 1\nprobes: nope\n');
    const broken = await runStep(script, dir, 'lab2');
    expect(broken.stdout).toContain('upprobe run exited 2');
    expect(broken.status).toBe(2);
    expect(existsSync(join(dir, 'report-lab2.json'))).toBe(false);
  });

  it('the whole workflow, executed: three vantages\' run steps, then the merge step fails only when most see a surface failing', async () => {
    const runScript = probe?.steps.find((s) => /\bupprobe\S* run\b/.test(s.run ?? ''))?.run ?? '';
    const mergeScript = merge?.steps.find((s) => /\bupprobe\S* merge\b/.test(s.run ?? ''))?.run ?? '';
    const up = await keep(startHttpServer((_req, res) => res.end('ok')));
    const down = await keep(startHttpServer((_req, res) => res.writeHead(503).end()));
    /** One round: each vantage (a runner with its own checkout) sees the service `up` or `down`. */
    const round = async (seen: Record<string, string>) => {
      const artifacts = mkdtempSync(join(tmpdir(), 'upprobe-artifacts-'));
      for (const [vantage, url] of Object.entries(seen)) {
        const checkout = dirname(probesFile(`version: 1\nprobes:\n  - { id: api-home, kind: http, surface: api, request: { url: "${url}/" } }\n`));
        expect((await runStep(runScript, checkout, vantage)).status).toBe(0);
        copyFileSync(join(checkout, `report-${vantage}.json`), join(artifacts, `report-${vantage}.json`));
      }
      const merged = await runStep(mergeScript, artifacts, '');
      const report = JSON.parse(readFileSync(join(artifacts, 'merged.json'), 'utf8')) as { surfaces: { api: { scope: string | null; failingVantages: string[] } } };
      return { status: merged.status, api: report.surfaces.api };
    };
    const global = await round({ fra1: down.url, iad1: down.url, sin1: up.url });
    expect(global.status).toBe(1);
    expect(global.api).toMatchObject({ scope: 'global', failingVantages: ['fra1', 'iad1'] });
    const regional = await round({ fra1: down.url, iad1: up.url, sin1: up.url });
    expect(regional.status).toBe(0);
    expect(regional.api).toMatchObject({ scope: 'regional', failingVantages: ['fra1'] });
  });
});
