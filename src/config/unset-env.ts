// `validate --allow-unset-env`: checks a file in a shell (CI before its secrets exist, a laptop)
// where some `${env.NAME}` / `${secret.NAME}` are not set, still failing on everything else.
//
// Each unset variable gets a stand-in value of the kind its place needs: a URL (for
// `baseUrl: ${env.BASE_URL}`), a number (for `:${env.PORT}`) or a word (a host name, a header).
// Which kind is found by trying: per variable, the stand-in that leaves the fewest problems on the
// lines that read it (counting every problem would favour a stand-in that breaks `defaults` and so
// hides the probes' problems). What no stand-in avoids (`htp://${env.HOST}`) does not depend on the
// variable's value, and is reported.
import { ConfigError, sortProblems, type ConfigProblem } from './errors.js';

/** Values unlikely to appear in a message by chance (a secret's stand-in is masked in messages). */
const STAND_INS = ['http://upprobe-unset.invalid', '49151', 'upprobe-unset'] as const;
/** Passes over the variables: a second one catches a variable whose best stand-in depended on another's. */
const ROUNDS = 2;

/** What loading with stand-ins found: the problems left, and the variables that had to stand in. */
export interface UnsetEnvCheck {
  problems: ConfigProblem[];
  unset: string[];
}

/** Loads `text` (through `load`, e.g. parseConfig with these variables) with stand-ins; see the module comment. */
export function checkWithUnsetEnv(
  text: string,
  load: (env: Record<string, string | undefined>) => unknown,
  env: Record<string, string | undefined>,
): UnsetEnvCheck {
  const choice = new Map<string, number>();
  const unset = new Set<string>();
  const attempt = () => problemsOf(() => load(withStandIns(env, choice, unset)));

  let best = attempt();
  for (let round = 0; round < ROUNDS && best.length > 0; round++) {
    for (const name of [...unset]) {
      const lines = referenceLines(text, name);
      const cost = (problems: ConfigProblem[]) => problems.filter((p) => lines.has(p.line)).length * 1000 + problems.length;
      let chosen = choice.get(name) ?? 0;
      for (let i = 0; i < STAND_INS.length; i++) {
        if (i === chosen) continue;
        choice.set(name, i);
        const problems = attempt();
        if (cost(problems) < cost(best)) {
          best = problems;
          chosen = i;
        }
      }
      choice.set(name, chosen);
    }
  }
  return { problems: sortProblems(best), unset: [...unset].sort() };
}

/** The lines (1-based) on which `${env.NAME}` or `${secret.NAME}` is read. */
function referenceLines(text: string, name: string): Set<number> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = new RegExp(`\\$\\{\\s*(?:env|secret)\\.${escaped}\\s*(?::-[^}]*)?\\}`);
  const lines = new Set<number>();
  text.split('\n').forEach((line, i) => {
    if (reference.test(line)) lines.add(i + 1);
  });
  return lines;
}

/** The environment with a stand-in for every variable it lacks; names asked for go into `unset`. */
function withStandIns(env: Record<string, string | undefined>, choice: ReadonlyMap<string, number>, unset: Set<string>): Record<string, string | undefined> {
  return new Proxy(env, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      const value = target[name];
      if (value !== undefined) return value;
      unset.add(name);
      return STAND_INS[choice.get(name) ?? 0];
    },
  });
}

function problemsOf(load: () => unknown): ConfigProblem[] {
  try {
    load();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
