// `upprobe validate`: every problem in the file with line:column, or a one-line OK; warnings
// (a bare-number duration under 50 ms) do not change the exit code.
import { durationWarnings } from '../config/duration-warnings.js';
import { readConfigText } from '../config/read-file.js';
import { readYamlSource } from '../config/source.js';
import { checkWithUnsetEnv } from '../config/unset-env.js';
import { ExitCode } from '../model/exit-codes.js';
import { ConfigError, formatProblem, loadReadersFor, parseConfig, type ConfigProblem } from '../probes/load.js';
import type { OutputBoundary } from './output.js';

export interface ValidateFlags {
  /** Check a file whose `${env.*}` / `${secret.*}` variables are not set here. */
  allowUnsetEnv?: boolean;
}

export async function validateCommand(file: string, output: OutputBoundary, flags: ValidateFlags = {}): Promise<number> {
  let text: string;
  try {
    text = await readConfigText(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return reportProblems(file, err.problems, output);
  }

  await loadReadersFor(text);
  const source = readYamlSource(text, file);
  if (source.ok) {
    for (const w of durationWarnings(source.data, source.locate)) output.write(process.stderr, `${file}:${w.line}:${w.column}: warning: ${w.message}\n`);
  }

  let surfaces: string[];
  let unset: string[] = [];
  if (flags.allowUnsetEnv === true) {
    const checked = checkWithUnsetEnv(text, (env) => parseConfig(text, file, {}, env), process.env);
    if (checked.problems.length > 0) return reportProblems(file, checked.problems, output);
    unset = checked.unset;
    const probes = source.ok && Array.isArray(source.data.probes) ? (source.data.probes as unknown[]) : [];
    surfaces = probes.map((p) => (typeof p === 'object' && p !== null ? String((p as { surface?: unknown }).surface) : ''));
  } else {
    try {
      const config = parseConfig(text, file, {}, process.env);
      output.useSecrets(config.secrets);
      surfaces = config.probes.map((p) => p.surface);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return reportProblems(file, err.problems, output);
    }
  }

  const api = surfaces.filter((s) => s === 'api').length;
  const plural = surfaces.length === 1 ? '' : 's';
  output.write(process.stdout, `${file}: OK, ${surfaces.length} probe${plural} (${api} api, ${surfaces.length - api} web)\n`);
  if (unset.length > 0) output.write(process.stdout, `${file}: not set here, checked with stand-in values: ${unset.join(', ')}\n`);
  return ExitCode.Ok;
}

function reportProblems(file: string, problems: readonly ConfigProblem[], output: OutputBoundary): number {
  for (const problem of problems) output.write(process.stderr, `${formatProblem(problem)}\n`);
  const n = problems.length;
  output.write(process.stderr, `${file}: ${n} problem${n === 1 ? '' : 's'}\n`);
  return ExitCode.Usage;
}
