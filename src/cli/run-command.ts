// `upprobe run`: load the config, probe, report. Also the engine behind `upprobe demo`.
import type { ConfigOverrides } from '../config/types.js';
import { ExitCode } from '../model/exit-codes.js';
import type { Surface } from '../model/surface.js';
import { ConfigError, formatProblem, loadConfig, parseConfig } from '../probes/load.js';
import { REPORTERS } from '../report/registry.js';
import { runProbes, type InterruptReason } from '../run/run.js';
import { deliverAll, selectSinks } from '../sinks/select.js';
import { SinkUnusable, type Sink } from '../sinks/sink.js';
import { UsageError } from './errors.js';
import { terminalWidth, useColor, type OutputBoundary } from './output.js';

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
  // Every sink is checked before anything is probed (exit 2 when one is unusable).
  const sinks = checkedSinks(flags, env);

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

  const interrupt = new AbortController();
  const onSignal = (signal: InterruptReason) => {
    // A second Ctrl-C means "now": stop without the report.
    if (interrupt.signal.aborted) process.exit(signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted);
    interrupt.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let measured;
  try {
    measured = await runProbes(config, { interrupt: interrupt.signal, redact, latencyHistograms: sinks.some((sink) => sink.carriesHistograms) });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const result = output.redacted(measured);

  // With a report on stdout, the human report moves to stderr so the report stays parseable.
  const human = sinks.some((sink) => sink.usesStdout) ? process.stderr : process.stdout;
  const render = { color: useColor(human, flags.color), columns: terminalWidth(human) };
  const reporter = await REPORTERS[flags.quiet ? 'quiet' : 'table']();
  output.write(human, reporter.render(result, render));
  const problems = await deliverAll(result, sinks, { redact, render, stdout: process.stdout });
  for (const problem of problems) output.write(process.stderr, `upprobe: ${problem} (the probes ran; this report is missing)\n`);
  // A report the job relies on is missing: the job is broken, whatever the probes said.
  return problems.length > 0 ? ExitCode.Usage : result.exitCode;
}

/** The sinks asked for, each usable; one that is not is a usage error (exit 2). */
function checkedSinks(flags: RunFlags, env: Record<string, string | undefined>): Sink[] {
  try {
    return selectSinks(flags, env);
  } catch (err) {
    if (err instanceof SinkUnusable) throw new UsageError(err.message);
    throw err;
  }
}
