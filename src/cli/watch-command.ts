// `upprobe watch`: the same run as `upprobe run` (prepareRun once, then probeOnce and deliverRun
// each time), again and again. On a terminal one screen is redrawn; off one, one verdict line per
// run (for `docker logs`). Runs never overlap. Only Ctrl-C (130) or SIGTERM (143) ends it.
import { basename } from 'node:path';
import { StateWindow } from '../analysis/state-window.js';
import { ExitCode } from '../model/exit-codes.js';
import type { RunResult } from '../model/result.js';
import { formatMs } from '../report/describe.js';
import { verdictLine } from '../report/verdict.js';
import { renderWatch } from '../report/watch.js';
import { terminalWidth, useColor, type OutputBoundary } from './output.js';
import { RunProgress } from './progress.js';
import { deliverRun, humanStream, interruptOnSignals, prepareRun, probeOnce, type RunFlags } from './run-command.js';
import { TerminalScreen } from './terminal-screen.js';

export interface WatchFlags extends RunFlags {
  /** Milliseconds from the start of one run to the start of the next. */
  every: number;
}

/** How often the screen's clock, countdown and progress are refreshed (an unchanged frame is not sent). */
const TICK_MS = 250;

export async function watchCommand(file: string, flags: WatchFlags, output: OutputBoundary): Promise<number> {
  const prepared = await prepareRun(file, flags, output, {}, process.env, true);
  if (typeof prepared === 'number') return prepared;
  const human = humanStream(prepared.sinks);
  // Everything shown comes from redacted results: masking the whole frame again would mask its numbers (a secret `1`).
  const write = (text: string) => output.writeRendered(human, text);
  const screen = human.isTTY && !flags.quiet ? new TerminalScreen(human, write) : null;

  // A second signal means "now": the terminal is given back by the exit hook.
  const interrupt = interruptOnSignals();

  const window = new StateWindow();
  const title = `${basename(file)} · every ${formatMs(flags.every)}${prepared.config.vantage ? ` · vantage ${prepared.config.vantage}` : ''} · Ctrl-C to stop`;
  let last: RunResult | null = null;
  let notes: string[] = [];
  let status = () => ['starting…'];
  const draw = (force = false) =>
    screen?.draw(renderWatch({ title, result: last, window, status: [...status(), ...notes], now: new Date() }, { color: useColor(human, flags.color), columns: screen.columns, rows: screen.rows }), force);
  const redrawOnResize = () => draw(true);
  const ticker = screen ? setInterval(() => draw(), TICK_MS).unref() : null;
  screen?.enter();
  human.on('resize', redrawOnResize);

  try {
    for (let run = 1; !interrupt.signal.aborted; run++) {
      const startedAt = performance.now();
      const progress = new RunProgress(prepared.config.probes);
      status = () => [`run ${run} in progress: ${progress.line()}`];
      draw();
      const measured = await probeOnce(prepared, interrupt.signal, screen ? progress.onSample : undefined);
      // A run cut short by Ctrl-C is neither shown nor delivered: it would read as an outage.
      if (interrupt.signal.aborted) break;
      const result = output.redacted(measured);
      window.add(result, result.startedAt);
      last = result;
      const render = { color: false, columns: screen?.columns ?? terminalWidth(human) };
      const problems = await deliverRun(result, prepared, render, output, { print: screen === null });
      const tookMs = performance.now() - startedAt;
      const waitMs = flags.every - tookMs;
      notes = problems.map((p) => `upprobe: ${p}`);
      if (waitMs <= 0) notes.unshift(`run ${run} took ${formatMs(tookMs)}, longer than --every ${formatMs(flags.every)}: the next starts at once`);
      if (screen === null) {
        write(`${result.startedAt.toISOString()} ${verdictLine(result)}\n`);
        if (waitMs <= 0) write(`${notes[0]}\n`);
      }
      const nextAt = Date.now() + Math.max(0, waitMs);
      status = () => [`run ${run} took ${formatMs(tookMs)} · next run in ${Math.max(0, Math.ceil((nextAt - Date.now()) / 1000))}s`];
      draw();
      if (waitMs > 0) await pause(waitMs, interrupt.signal);
    }
  } finally {
    if (ticker) clearInterval(ticker);
    human.off('resize', redrawOnResize);
    screen?.leave();
    interrupt.release();
  }
  return interrupt.signal.reason === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted;
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
