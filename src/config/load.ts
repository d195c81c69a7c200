// The config loader's entry points: file or text in, a resolved RunConfig out, or a ConfigError
// listing every problem found with its line and column.
import type { ConfigOverrides, ProbeConfig, RunConfig } from './types.js';
import type { LoadContext } from './context.js';
import { BUILT_IN, resolveDefaults } from './defaults.js';
import { checkDuplicateIds } from './duplicates.js';
import { ConfigError, problemAtStart, redactSecrets, sortProblems, type ConfigProblem } from './errors.js';
import { checkOverrides, selectProbes } from './flags.js';
import { parseWith } from './issues.js';
import { loadProbe } from './kinds.js';
import { formatDataPath } from './positions.js';
import { defaultsSchema, fileSchema } from './schema.js';
import { readConfigText } from './read-file.js';
import { readYamlSource } from './source.js';
import { secretForms } from './variables.js';

// One import for the CLI: the loader, its error type, and the duration parser its flags reuse.
export { ConfigError, formatProblem, type ConfigProblem } from './errors.js';
export { parseDuration } from './duration.js';

/** Reads and resolves a probes file; `file` is the path as given, and problems name it. */
export async function loadConfig(file: string, overrides: ConfigOverrides, env: Record<string, string | undefined>): Promise<RunConfig> {
  return parseConfig(await readConfigText(file), file, overrides, env);
}

/** Validates and resolves config text (loadConfig without the file system, for tests and the demo). */
export function parseConfig(text: string, file: string, overrides: ConfigOverrides, env: Record<string, string | undefined>): RunConfig {
  const source = readYamlSource(text, file);
  if (!source.ok) throw new ConfigError(sortProblems(source.problems));

  const problems: ConfigProblem[] = [];
  const ctx: LoadContext = {
    env,
    overrides,
    secrets: new Set(),
    file,
    report(path, message, part) {
      const label = formatDataPath(part === 'key' ? path.slice(0, -1) : path);
      problems.push({ file, ...source.locate(path, part), message: label ? `${label}: ${message}` : message });
    },
    reportAtStart: (message) => problems.push(problemAtStart(file, message)),
  };
  for (const message of checkOverrides(overrides)) ctx.reportAtStart(message);

  const { data } = source;
  // Top-level `x-…` keys are free for YAML anchors to live in (as in docker-compose files).
  const ownKeys = Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('x-')));
  const top = parseWith(fileSchema, ownKeys, [], ctx.report);
  const defaultsInput = parseWith(defaultsSchema, data.defaults === undefined ? {} : data.defaults, ['defaults'], ctx.report);
  const defaults = defaultsInput && resolveDefaults(defaultsInput, ctx);
  const rawProbes: unknown[] = Array.isArray(data.probes) ? data.probes : [];
  const probes = rawProbes.map((raw, index) => loadProbe(raw, ['probes', index], defaults, ctx));
  checkDuplicateIds(rawProbes, ctx.report, source.locate);

  const secrets = [...new Set([...ctx.secrets].flatMap(secretForms))];
  if (problems.length > 0 || top === null || defaults === null) {
    throw new ConfigError(sortProblems(problems).map((p) => ({ ...p, message: redactSecrets(p.message, secrets) })));
  }
  const selected = selectProbes(probes.filter((p): p is ProbeConfig => p !== null), overrides);
  if ('error' in selected) throw new ConfigError([problemAtStart(file, selected.error)]);

  return {
    file,
    vantage: overrides.vantage ?? top.vantage ?? null,
    concurrency: overrides.concurrency ?? defaults.concurrency ?? BUILT_IN.concurrency,
    probes: selected,
    secrets,
  };
}
