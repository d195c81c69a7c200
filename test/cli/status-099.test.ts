// Issue 15 item 9 through the built CLI: a status line below 100 must not freeze the process.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { listen } from '../transport/helpers.js';

describe('a status line below 100, through the built CLI', () => {
  it('does not stall the process: a probe beside it, answering in 100 ms with a 2 s timeout, still passes', async () => {
    // undici's failed assertion used to make Node re-parse the minified bundle (~2.4 s frozen).
    const weird = await listen(createServer((socket: Socket) => socket.once('data', () => socket.end('HTTP/1.1 099 Weird\r\ncontent-length: 0\r\n\r\n'))));
    const healthy = await listen(createHttpServer((_req, res) => setTimeout(() => res.end('ok'), 100)));
    const file = probesFile(`version: 1
defaults: { timeout: 2s }
probes:
  - { id: weird, kind: http, surface: api, request: { url: "http://127.0.0.1:${weird}/" } }
  - { id: healthy, kind: http, surface: api, request: { url: "http://127.0.0.1:${healthy}/" } }
`);
    const run = await runCli(['run', file, '--json', '-c', '2']);
    const report = JSON.parse(run.stdout) as { probes: { id: string; passed: boolean; failuresByClass: Record<string, number> }[] };
    expect(report.probes.find((p) => p.id === 'weird')?.failuresByClass).toEqual({ protocol: 1 });
    expect(report.probes.find((p) => p.id === 'healthy')?.passed).toBe(true);
  });
});
