// dist/ is self-contained: the shipped files alone (bin, dist, package.json, probes.yaml), with no
// node_modules anywhere above them, run the demo. esbuild bundles every runtime dependency.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('the built CLI runs the demo without node_modules', async () => {
  // Under the system's temporary directory, so Node's module lookup finds no node_modules above it.
  const copy = mkdtempSync(join(tmpdir(), 'upprobe-bundle-'));
  for (const part of ['bin', 'dist', 'package.json', 'probes.yaml']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  const run = async (...args: string[]) => {
    const child = spawn(process.execPath, [join(copy, 'bin', 'upprobe.js'), ...args], { cwd: copy, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/Cannot find (module|package)|ERR_MODULE_NOT_FOUND|ENOENT/);
    return { code, stdout, stderr };
  };
  const demo = await run('demo', '-q', '-n', '1', '--record', 'history.ndjson');
  expect(demo.code, demo.stderr).toBe(0);
  expect(demo.stdout).toMatch(/^PASS 13\/13 probes passing/);
  // The HTML report inlines uPlot from the bundle, not from node_modules.
  const report = await run('report', 'history.ndjson', '--html', 'report.html');
  expect(report.code, report.stderr).toBe(0);
  expect(readFileSync(join(copy, 'report.html'), 'utf8')).toMatch(/uPlot/);
});
