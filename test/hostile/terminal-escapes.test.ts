// Issue 15, item 15: escape sequences from a server's body (or status line, or a header), and
// from a recorded vantage name replayed by `history`, reached the terminal: a body could clear
// the screen, set the window title and conceal the verdict. Control characters are replaced.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startRawServer } from '../helpers/servers.js';

closeAfterEach();

/** Clear screen, set the title, conceal, an 8-bit CSI (U+009B), a bell, a backspace and a bidi override. */
const HOSTILE = '\x1b[2J\x1b]0;pwned\x07\x1b[8m\u009b31m\b\u202e';

/** Anything a terminal would act on, apart from the line breaks of the report itself. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('server text on the terminal', () => {
  it('a body, a header and a status line cannot send escape sequences to the terminal', async () => {
    // A raw server: Node's own refuses to send control characters in a header or status line.
    const s = await keep(
      startRawServer((socket) => {
        socket.once('data', (request: Buffer) => {
          const path = request.toString('latin1').split(' ')[1];
          const text = `${HOSTILE} secret plans`;
          const head =
            path === '/status' ? 'HTTP/1.1 503 Down\x1b]0;pwned\x07' : path === '/header' ? 'HTTP/1.1 200 OK\r\nx-mood: calm\x9b8m' : 'HTTP/1.1 200 OK';
          socket.end(`${head}\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
        });
      }),
    );
    const [body, status] = [s, s];
    const file = probesFile(`version: 1
probes:
  - { id: body, kind: http, surface: api, request: { url: "${body.url}/" }, expect: { body: { contains: "all good" } } }
  - { id: header, kind: http, surface: api, request: { url: "${body.url}/header" }, expect: { headers: { x-mood: { equals: "happy" } } } }
  - { id: status, kind: http, surface: web, request: { url: "${status.url}/status" } }
`);
    const { code, stdout } = await runCli(['run', file]);
    expect(code).toBe(1);
    expect(stdout).toContain('secret plans'); // the excerpt is there, without its escapes
    expect(stdout).toContain('calm');
    expect(stdout).toContain('503 Down');
    expect(stdout).not.toMatch(CONTROL);
  });
});

describe('history', () => {
  it('a recorded vantage name cannot send escape sequences to the terminal', async () => {
    const file = join(dirname(probesFile('')), 'history.ndjson');
    const surface = { probes: 1, failedProbes: 0, samples: 1, failedSamples: 0, failureRate: 0 };
    const run = {
      schemaVersion: 1,
      vantage: `${HOSTILE}fra1`,
      startedAt: '2026-03-10T10:00:00.000Z',
      durationMs: 5,
      exitCode: 0,
      summary: { probes: 2, passed: 2, failed: 0, surfaces: { api: surface, web: surface } },
    };
    writeFileSync(file, `${JSON.stringify(run)}\n`);
    const { code, stdout } = await runCli(['history', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('fra1');
    expect(stdout).not.toMatch(CONTROL);
  });
});
