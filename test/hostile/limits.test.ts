// Absurd numbers in the file or on the command line: a billion-wide concurrency costs only what
// the work needs, and a timeout longer than Node's timers can hold is refused, not turned into 1 ms.
import { describe, expect, it } from 'vitest';
import { emptyPhases } from '../../src/model/timings.js';
import type { SampleOutcome } from '../../src/model/sample.js';
import { schedule } from '../../src/run/schedule.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

const outcome: SampleOutcome = { latencyMs: 1, phases: emptyPhases(), failure: null };

/**
 * Runs `tasks` tasks of 5 ms each and reports the most that were ever in flight at once. The first
 * tasks hold until as many are in flight as the limit allows, so the peak is reached however slowly
 * a loaded machine starts them (one per event-loop turn); a limit lower than that never gets there.
 */
async function peakInFlight(tasks: number, concurrency: number): Promise<{ peak: number; done: number }> {
  let inFlight = 0;
  let peak = 0;
  let done = 0;
  let allowed = (): void => undefined;
  const reached = new Promise<void>((resolve) => (allowed = resolve));
  const task = async () => {
    peak = Math.max(peak, ++inFlight);
    if (inFlight >= Math.min(tasks, concurrency)) allowed();
    await reached;
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    done++;
    return outcome;
  };
  await schedule([{ tasks: () => Array.from({ length: tasks }, () => task), record: () => undefined }], concurrency, new AbortController().signal);
  return { peak, done };
}

describe('concurrency', () => {
  it('is a limit: 50 tasks at concurrency 5 never have more than 5 in flight, and all run', async () => {
    expect(await peakInFlight(50, 5)).toEqual({ peak: 5, done: 50 });
  });

  it('a billion is fine: workers are started only for tasks that exist', async () => {
    expect(await peakInFlight(20, 1_000_000_000)).toEqual({ peak: 20, done: 20 });
  });
});

describe('the CLI', () => {
  closeAfterEach();

  it('runs `concurrency: 1000000000` (it used to run out of memory, exit 134)', async () => {
    const server = keep(await startHttpServer((_req, res) => res.end('ok')));
    const file = probesFile(`version: 1\ndefaults: { concurrency: 1000000000, samples: 3 }\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "${server.url}/" } }\n`);
    const { code, stdout } = await runCli(['run', file, '-q']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS/);
  });

  it('refuses a timeout longer than 24 days in the file and on the command line (Node would make it 1 ms)', async () => {
    const file = probesFile(`version: 1\ndefaults: { timeout: 9999999999 }\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: "http://127.0.0.1:1/" } }\n`);
    const inFile = await runCli(['run', file]);
    expect(inFile.code).toBe(2);
    expect(inFile.stderr).toContain(`${file}:2:22: defaults.timeout: expected a duration of at most 24 days`);
    const onFlag = await runCli(['run', file, '-t', '30d']);
    expect(onFlag.code).toBe(2);
    const flagMs = await runCli(['run', file, '-t', '99999999999']);
    expect(flagMs.code).toBe(2);
    expect(flagMs.stderr).toMatch(/at most 24 days/);
    expect(`${inFile.stderr}${flagMs.stderr}`).not.toMatch(/TimeoutOverflowWarning|\n\s+at /);
  });
});
