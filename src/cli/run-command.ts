// `upprobe run`: load the config, probe, report. Also the engine behind `upprobe demo`.
import { ConfigError, formatProblem, loadConfig } from '../config/load.js';
import type { ConfigOverrides, Surface } from '../config/types.js';
import { ExitCode } from '../model/exit-codes.js';
import { jsonReporter } from '../report/json.js';
import { quietReporter, tableReporter } from '../report/table.js';
import { runProbes, type InterruptReason } from '../run/run.js';
import { checkWritable, redacted, setSecrets, useColor, writeFileAtomic, writeOut } from './output.js';

export interface RunFlags {
  concurrency?: number;
  samples?: number;
  timeout?: number;
  baseUrl?: string;
  only?: string[];
  surface?: Surface;
  json?: string | boolean;
  vantage?: string;
  color?: boolean;
  quiet?: boolean;
}

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  return runFile(file, flags, {});
}

/** Runs a probes file; `extra` lets the demo point it at its own target. */
export async function runFile(file: string, flags: RunFlags, extra: Partial<ConfigOverrides>): Promise<number> {
  const jsonPath = flags.json === true || flags.json === '-' ? '-' : typeof flags.json === 'string' ? flags.json : null;
  if (jsonPath && jsonPath !== '-') checkWritable(jsonPath);

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
    config = await loadConfig(file, overrides, process.env);
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

  // With the JSON on stdout, the human report moves to stderr so the JSON stays parseable.
  const human = jsonPath === '-' ? process.stderr : process.stdout;
  const renderOptions = { color: useColor(human, flags.color), columns: human.columns || 120 };
  writeOut(human, (flags.quiet ? quietReporter : tableReporter).render(result, renderOptions));
  if (jsonPath === '-') writeOut(process.stdout, jsonReporter.render(result, renderOptions));
  else if (jsonPath) writeFileAtomic(jsonPath, jsonReporter.render(result, renderOptions));
  return result.exitCode;
}
