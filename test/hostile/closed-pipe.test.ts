// Issue 15, item 12: `upprobe run … | head` (a reader that stops reading early) ended with
// exit 3 "internal error: write EPIPE" instead of the run's own exit code.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, probesFile } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

/** Runs the CLI with its stdout a pipe whose reading end is already closed: every write is EPIPE. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a stdout whose reader went away (| head)', () => {
  async function file(status: number): Promise<string> {
    const s = await keep(startHttpServer((_req, res) => res.writeHead(status).end('x'.repeat(100))));
    // Enough probes for a table larger than a pipe's buffer, so the writes cannot all fit before the close is seen.
    const probes = Array.from({ length: 300 }, (_, i) => `  - { id: probe-with-a-long-name-${i}, kind: http, surface: api, request: { url: "/${i}" } }`);
    return probesFile(`version: 1\ndefaults: { baseUrl: "${s.url}" }\nprobes:\n${probes.join('\n')}\n`);
  }

  it('keeps the run exit code 0, without an internal error', async () => {
    const { code, stderr } = await runIntoClosedPipe(['run', await file(200)]);
    expect(stderr).not.toMatch(/internal error/);
    expect(code).toBe(0);
  });

  it('keeps the run exit code 1 with the JSON report on that stdout', async () => {
    const { code, stderr } = await runIntoClosedPipe(['run', await file(500), '--json']);
    expect(stderr).not.toMatch(/internal error/);
    expect(code).toBe(1);
  });
});
