// Loading a probes file: file or text in, a resolved RunConfig out, or a ConfigError listing every
// problem found with its line and column. The shared machinery (YAML with positions, defaults,
// interpolation) is config/'s; each probe is handed to its kind's loader (registry.ts).
import type { ConfigOverrides } from '../config/types.js';
import type { LoadContext } from '../config/context.js';
import { BUILT_IN, resolveDefaults, type ResolvedDefaults } from '../config/defaults.js';
import { checkDuplicateIds } from '../config/duplicates.js';
import { ConfigError, problemAtStart, sortProblems, type ConfigProblem } from '../config/errors.js';
import { checkOverrides, selectProbes } from '../config/flags.js';
import { parseWith } from '../config/issues.js';
import { formatDataPath, type DataPath } from '../config/positions.js';
import { loadControls } from '../config/controls.js';
import { defaultsSchema, fileSchema } from '../config/schema.js';
import { readConfigText } from '../config/read-file.js';
import { readYamlSource, type YamlSource } from '../config/source.js';
import { resolveNotify } from '../config/notify.js';
import { secretForms } from '../secrets/forms.js';
import { createRedactor } from '../secrets/redact.js';
import { loadPatternEngine } from '../config/pattern.js';
import { FAST_YAML_MIN_BYTES, loadFastYaml } from '../config/fast-yaml.js';
import type { ProbeConfig, RunConfig } from './probe-config.js';
import { PROBE_KINDS } from './registry.js';

// One import for the CLI: the loader, its error type, and the duration parser its flags reuse.
export { ConfigError, formatProblem, type ConfigProblem } from '../config/errors.js';
export { parseDuration } from '../config/duration.js';

/** Reads and resolves a probes file; `file` is the path as given, and problems name it. */
export async function loadConfig(file: string, overrides: ConfigOverrides, env: Record<string, string | undefined>): Promise<RunConfig> {
  const text = await readConfigText(file);
  await loadReadersFor(text);
  return parseConfig(text, file, overrides, env);
}

/** Loads what reading `text` needs beyond `yaml`, each in a chunk of its own, only when it does. */
export async function loadReadersFor(text: string): Promise<void> {
  // Every regex sits under a `matches`, `notMatches` or `regex` key: only then is the engine loaded.
  if (/matches|regex/i.test(text)) await loadPatternEngine();
  if (text.length >= FAST_YAML_MIN_BYTES) await loadFastYaml();
}

/** Validates and resolves config text (loadConfig without the file system, for tests and the demo). */
export function parseConfig(text: string, file: string, overrides: ConfigOverrides, env: Record<string, string | undefined>): RunConfig {
  const source = readYamlSource(text, file);
  try {
    return configFrom(source, file, overrides, env);
  } catch (error) {
    // Every problem is `yaml`'s to find: js-yaml reads a few broken files it rejects.
    if (error instanceof ConfigError && source.ok && source.readBy === 'js-yaml') return configFrom(readYamlSource(text, file, false), file, overrides, env);
    throw error;
  }
}

function configFrom(source: YamlSource, file: string, overrides: ConfigOverrides, env: Record<string, string | undefined>): RunConfig {
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
  const notify = data.notify === undefined ? null : resolveNotify(data.notify, ctx);
  const rawProbes: unknown[] = Array.isArray(data.probes) ? data.probes : [];
  const probes = rawProbes.map((raw, index) => loadProbe(raw, ['probes', index], defaults, ctx));
  const controls = defaults ? loadControls(data.controls, defaults, ctx) : [];
  checkDuplicateIds(rawProbes, ctx.report, source.locate);

  const secrets = [...new Set([...ctx.secrets].flatMap(secretForms))];
  if (problems.length > 0 || top === null || defaults === null) {
    const redact = createRedactor(secrets);
    throw new ConfigError(sortProblems(problems).map((p) => ({ ...p, message: redact(p.message) })));
  }
  const selected = selectProbes(probes.filter((p): p is ProbeConfig => p !== null), overrides);
  if ('error' in selected) throw new ConfigError([problemAtStart(file, selected.error)]);

  return {
    file,
    vantage: overrides.vantage ?? top.vantage ?? null,
    concurrency: overrides.concurrency ?? defaults.concurrency ?? BUILT_IN.concurrency,
    probes: selected,
    secrets,
    controls,
    notify,
  };
}

const KIND_NAMES = Object.keys(PROBE_KINDS);

/** Loads `probes[i]`: picks the kind's loader (a probe without `kind` is http) and runs it. */
function loadProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): ProbeConfig | null {
  const kind = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? ((raw as Record<string, unknown>).kind ?? 'http') : 'http';
  const entry = Object.entries(PROBE_KINDS).find(([name]) => name === kind)?.[1];
  if (entry === undefined) {
    ctx.report([...path, 'kind'], `unknown kind ${JSON.stringify(kind)}: expected one of ${KIND_NAMES.join(', ')}`);
    return null;
  }
  return entry.load(raw, path, defaults, ctx);
}
