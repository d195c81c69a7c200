// Memory stays bounded however much a server sends: the real CLI, in its own process, probes
// servers offering 2 GiB bodies, endless chunked streams, header floods and a gzip bomb, and its
// peak RSS (from the kernel, via a preload) stays within a generous bound.
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer, startRawServer } from '../helpers/servers.js';

const MiB = 1024 * 1024;

/** Prints the process's peak resident set size (KiB) on stderr as it exits. */
const PEAK_RSS = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kib='+process.resourceUsage().maxRSS+'\\n'))`;

/**
 * Far above what a run needs (about 100 MiB) and far below what buffering the offered bodies
 * would take (2 GiB per sample).
 */
const PEAK_RSS_LIMIT_MIB = 400;

closeAfterEach();

/** Writes `head`, then 64 KiB chunks for as long as the client reads them. */
function endless(socket: Socket, head: string, chunk: Buffer): void {
  socket.once('data', () => {
    socket.write(head);
    const pump = () => {
      while (!socket.destroyed) if (!socket.write(chunk)) return void socket.once('drain', pump);
    };
    pump();
  });
}

async function peakRss(args: string[]): Promise<{ peakMiB: number; report: JsonReport; code: number | null }> {
  const result = await runCli(args, { nodeArgs: [PEAK_RSS] });
  const match = /peak-rss-kib=(\d+)/.exec(result.stderr);
  expect(match, result.stderr).not.toBeNull();
  return { peakMiB: Number(match?.[1]) / 1024, report: JSON.parse(result.stdout) as JsonReport, code: result.code };
}

describe('memory under hostile servers', () => {
  it(`peak RSS stays under ${PEAK_RSS_LIMIT_MIB} MiB while servers offer gigabytes`, async () => {
    const data = Buffer.alloc(64 * 1024, 'x');
    const chunk = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    const routes: Record<string, (socket: Socket) => void> = {
      '2gib': (socket) => endless(socket, `HTTP/1.1 200 OK\r\nContent-Length: ${2 * 1024 * MiB}\r\n\r\n`, data),
      unframed: (socket) => endless(socket, 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n', data),
      chunked: (socket) => endless(socket, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', chunk),
      flood: (socket) => socket.once('data', () => socket.write(`HTTP/1.1 200 OK\r\n${'X-Flood: 1\r\n'.repeat(100_000)}\r\n`)),
    };
    const raw = await Promise.all(Object.values(routes).map((route) => startRawServer(route)));
    const bomb = gzipSync(Buffer.alloc(256 * MiB), { level: 9 });
    const gzip = await startHttpServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    for (const s of [...raw, gzip]) keep(s);

    const names = [...Object.keys(routes), 'gzip'];
    const urls = [...raw, gzip].map((s) => s.url);
    const probes = names.map((name, i) => `  - { id: ${name}, kind: http, surface: web, request: { url: "${urls[i]}/", maxBodySize: 8MiB } }`);
    const file = probesFile(`version: 1\ndefaults: { samples: 6 }\nprobes:\n${probes.join('\n')}\n`);

    const { peakMiB, report, code } = await peakRss(['run', file, '-c', '10', '-t', '10s', '--json', '-']); // a timeout a loaded machine cannot hit: each body is cut at its size limit
    expect(code).toBe(1);
    const classes = Object.fromEntries(report.probes.map((p) => [p.id, p.failuresByClass]));
    expect(classes).toEqual({ '2gib': { protocol: 6 }, unframed: { protocol: 6 }, chunked: { protocol: 6 }, flood: { protocol: 6 }, gzip: { protocol: 6 } });
    expect(peakMiB).toBeLessThan(PEAK_RSS_LIMIT_MIB);
  });
});
