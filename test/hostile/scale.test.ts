// Issue 15, item 16: 16,000 one-sample probes peaked at ~1.1 GiB (about 65 KiB a probe: five HDR
// histograms each allocated up front, 9-33 KiB apiece) and the scheduler copied the probe list
// for every task. Memory is not time: the bound on growth per probe is loose, and the exact
// figures live in the bench (`npm run bench`, "scale").
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

/** Prints the process's peak resident set size (KiB) on stderr as it exits. */
const PEAK_RSS = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kib='+process.resourceUsage().maxRSS+'\\n'))`;

/**
 * Well above what a probe costs now (~30 KiB of peak RSS at this size, two thirds of it the YAML
 * parser's garbage while loading) and well below the ~80 KiB it cost before.
 */
const KIB_PER_PROBE_LIMIT = 50;

describe('many probes', () => {
  it(`peak memory grows by less than ${KIB_PER_PROBE_LIMIT} KiB per one-sample probe`, async () => {
    const s = await keep(startHttpServer((_req, res) => res.end('ok')));
    const peak = async (count: number): Promise<number> => {
      const probes = Array.from({ length: count }, (_, i) => `- {id: p${i}, kind: http, surface: api, request: {url: /ok}}`);
      const file = probesFile(`version: 1\ndefaults: { baseUrl: "${s.url}" }\nprobes:\n${probes.join('\n')}\n`);
      const { code, stdout, stderr } = await runCli(['run', file, '-c', '16', '--json', '-'], { nodeArgs: [PEAK_RSS], timeoutMs: 60_000 });
      expect(code, stderr).toBe(0);
      expect((JSON.parse(stdout) as JsonReport).summary.samples).toBe(count);
      return Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1]);
    };
    const small = await peak(300);
    const large = await peak(3000);
    expect((large - small) / 2700).toBeLessThan(KIB_PER_PROBE_LIMIT);
  }, 60_000);
});
