// `upprobe validate`: every problem in the file with line:column, or a one-line OK.
import { ConfigError, formatProblem, loadConfig } from '../probes/load.js';
import { ExitCode } from '../model/exit-codes.js';
import type { OutputBoundary } from './output.js';

export async function validateCommand(file: string, output: OutputBoundary): Promise<number> {
  try {
    const config = await loadConfig(file, {}, process.env);
    output.useSecrets(config.secrets);
    const api = config.probes.filter((p) => p.surface === 'api').length;
    const plural = config.probes.length === 1 ? '' : 's';
    output.write(process.stdout, `${file}: OK, ${config.probes.length} probe${plural} (${api} api, ${config.probes.length - api} web)\n`);
    return ExitCode.Ok;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) output.write(process.stderr, `${formatProblem(problem)}\n`);
    const n = err.problems.length;
    output.write(process.stderr, `${file}: ${n} problem${n === 1 ? '' : 's'}\n`);
    return ExitCode.Usage;
  }
}
