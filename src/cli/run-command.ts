// `upprobe run`: load the config, probe, report. Also the engine behind `upprobe demo` and, run
// after run, `upprobe watch` (prepareRun once, then probeOnce and deliverRun each time).
import type { ConfigOverrides } from '../config/types.js';
import { ExitCode } from '../model/exit-codes.js';
import type { RunResult } from '../model/result.js';
import type { Surface } from '../model/surface.js';
import { ConfigError, formatProblem, loadConfig, parseConfig } from '../probes/load.js';
import type { RunConfig } from '../probes/probe-config.js';
import type { SampleListener } from '../probes/runner.js';
import { REPORTERS } from '../report/registry.js';
import type { RenderOptions } from '../report/reporter.js';
import { runProbes, type InterruptReason } from '../run/run.js';
import type { Redactor } from '../secrets/redact.js';
import { deliverAll, selectSinks } from '../sinks/select.js';
import { SinkUnusable, type Sink } from '../sinks/sink.js';
import { UsageError } from './errors.js';
import { terminalWidth, useColor, type OutputBoundary } from './output.js';
import { progressFor } from './progress.js';

/** A probes file's path, or (from `check`) a file it made: `{ name, text }`. */
export type ProbesSource = string | { name: string; text: string };

export interface RunFlags {
  concurrency?: number;
  samples?: number;
  timeout?: number;
  baseUrl?: string;
  only?: string[];
  surface?: Surface;
  vantage?: string;
  color?: boolean;
  quiet?: boolean;
}

/** Also on the flags: one value per sink that has a flag (`json`, `junit`, …; see sinks/registry.ts). */
export async function runCommand(file: string, flags: RunFlags, output: OutputBoundary): Promise<number> {
  return runFile(file, flags, output, {});
}

/**
 * Runs a probes file; `extra` and `env` let the demo point it at its own target and sign in there.
 * `check` hands in a file it made (`{ name, text }`) instead of a path.
 */
export async function runFile(
  file: string | { name: string; text: string },
  flags: RunFlags,
  output: OutputBoundary,
  extra: Partial<ConfigOverrides>,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const prepared = await prepareRun(file, flags, output, extra, env, false);
  if (typeof prepared === 'number') return prepared;

  const interrupt = interruptOnSignals();
  // On a terminal, a run longer than a second says how far it got (on stderr, erased before the tables).
  const shown = progressFor(prepared.config.probes, process.stderr, flags.quiet, (text) => output.write(process.stderr, text));
  let measured;
  try {
    shown?.line.start();
    measured = await probeOnce(prepared, interrupt.signal, shown?.progress.onSample);
  } finally {
    shown?.line.stop();
    interrupt.release();
  }
  const result = output.redacted(measured);

  const human = humanStream(prepared.sinks);
  const render = { color: useColor(human, flags.color), columns: terminalWidth(human) };
  const reporter = await REPORTERS[flags.quiet ? 'quiet' : 'table']();
  output.writeRendered(human, reporter.render(result, render));
  const problems = await deliverRun(result, prepared, render, output);
  // A report the job relies on is missing: the job is broken, whatever the probes said.
  return problems.length > 0 ? ExitCode.Usage : result.exitCode;
}

/** A probes file loaded and its sinks checked: what every run of `run`, `demo` and `watch` starts from. */
export interface PreparedRun {
  config: RunConfig;
  sinks: Sink[];
  redact: Redactor;
}

/**
 * Loads the config and checks every sink before anything is probed; a problem is printed and its
 * exit code (2) returned. `repeated`: the sinks will deliver run after run (`watch`).
 */
export async function prepareRun(
  file: ProbesSource,
  flags: RunFlags,
  output: OutputBoundary,
  extra: Partial<ConfigOverrides>,
  env: Record<string, string | undefined>,
  repeated: boolean,
): Promise<PreparedRun | number> {
  const overrides: ConfigOverrides = {
    concurrency: flags.concurrency,
    samples: flags.samples,
    timeoutMs: flags.timeout,
    baseUrl: flags.baseUrl,
    vantage: flags.vantage,
    only: flags.only,
    surface: flags.surface,
    ...extra,
  };
  let config;
  try {
    config = typeof file === 'string' ? await loadConfig(file, overrides, env) : parseConfig(file.text, file.name, overrides, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) output.write(process.stderr, `${formatProblem(problem)}\n`);
    return ExitCode.Usage;
  }
  const redact = output.useSecrets(config.secrets);
  // Every sink is checked before anything is probed (exit 2 when one is unusable); the file's `notify:` is one.
  const sinks = checkedSinks(flags, env, { notify: config.notify, repeated });
  for (const sink of sinks) if (sink.warning) output.write(process.stderr, `upprobe: ${sink.warning}\n`);
  return { config, sinks, redact };
}

/** One run of the prepared probes; the result is not yet redacted. */
export async function probeOnce(prepared: PreparedRun, interrupt: AbortSignal, onSample?: SampleListener): Promise<RunResult> {
  const { config, sinks, redact } = prepared;
  return runProbes(config, { interrupt, redact, latencyHistograms: sinks.some((sink) => sink.carriesHistograms), ...(onSample && { onSample }) });
}

/** Hands a (redacted) result to every sink; each problem is printed on stderr (unless `print: false`, as on watch's screen) and returned. */
export async function deliverRun(result: RunResult, prepared: PreparedRun, render: RenderOptions, output: OutputBoundary, { print = true } = {}): Promise<string[]> {
  const problems = await deliverAll(result, prepared.sinks, { redact: prepared.redact, render, stdout: process.stdout });
  if (print) for (const problem of problems) output.write(process.stderr, `upprobe: ${problem} (the probes ran; this report is missing)\n`);
  return problems;
}

/** With a report on stdout, the human report moves to stderr so the report stays parseable. */
export function humanStream(sinks: Sink[]): NodeJS.WriteStream {
  return sinks.some((sink) => sink.usesStdout) ? process.stderr : process.stdout;
}

/** The sinks asked for, each usable; one that is not is a usage error (exit 2). */
function checkedSinks(flags: RunFlags, env: Record<string, string | undefined>, setup: { notify: RunConfig['notify']; repeated: boolean }): Sink[] {
  try {
    return selectSinks(flags, env, setup);
  } catch (err) {
    if (err instanceof SinkUnusable) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Ctrl-C and SIGTERM abort the run's signal (what was measured is still reported, exit 130/143);
 * a second one means "now": exit at once. `release()` stops listening.
 */
export function interruptOnSignals(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onSignal = (signal: InterruptReason) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
