// `upprobe run`: load the config, probe, report. Also the engine behind `upprobe demo`.
import { ConfigError, formatProblem, loadConfig, parseConfig } from '../config/load.js';
import type { ConfigOverrides, Surface } from '../config/types.js';
import { ExitCode } from '../model/exit-codes.js';
import { quietReporter, tableReporter } from '../report/table.js';
import { runProbes, type InterruptReason } from '../run/run.js';
import { redacted, setSecrets, terminalWidth, useColor, writeOut } from './output.js';
import { reportTargets, usesStdout, writeReports } from './report-files.js';

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

/** Also on the flags: one value per file reporter (`json`, `junit`, …; see reporters.ts). */
export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  return runFile(file, flags, {});
}

/**
 * Runs a probes file; `extra` and `env` let the demo point it at its own target and sign in there.
 * `check` hands in a file it made (`{ name, text }`) instead of a path.
 */
export async function runFile(
  file: string | { name: string; text: string },
  flags: RunFlags,
  extra: Partial<ConfigOverrides>,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  // Every report destination is checked before anything is probed (exit 2 when one is unusable).
  const targets = reportTargets(flags, env);

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
    for (const problem of err.problems) writeOut(process.stderr, `${formatProblem(problem)}\n`);
    return ExitCode.Usage;
  }
  setSecrets(config.secrets);

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
    measured = await runProbes(config, { interrupt: interrupt.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const result = redacted(measured);

  // With a report on stdout, the human report moves to stderr so the report stays parseable.
  const human = usesStdout(targets) ? process.stderr : process.stdout;
  const renderOptions = { color: useColor(human, flags.color), columns: terminalWidth(human) };
  writeOut(human, (flags.quiet ? quietReporter : tableReporter).render(result, renderOptions));
  const problems = writeReports(result, targets, renderOptions);
  for (const problem of problems) writeOut(process.stderr, `upprobe: ${problem} (the probes ran; this report is missing)\n`);
  // A report the job relies on is missing: the job is broken, whatever the probes said.
  return problems.length > 0 ? ExitCode.Usage : result.exitCode;
}
