// Config errors as data: every problem knows its file, line and column, so `validate` can list
// them all and `run` can refuse to probe with a message that says what and where.

/** One thing wrong with a config file, at a 1-based line and column. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The one-line form every command prints: `path:line:column: message`. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Thrown by the loader with every problem it found; the CLI maps it to exit code 2. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const first = problems[0];
    super(first ? formatProblem(first) : 'invalid configuration');
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A problem for which the file has no better position than its start. */
export function problemAtStart(file: string, message: string): ConfigProblem {
  return { file, line: 1, column: 1, message };
}

/** Orders problems as they appear in the file and drops exact repeats (an alias reports once). */
export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .filter((p) => {
      const key = formatProblem(p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Replaces every secret value in a message by *** (SPEC: nothing secret, ever). */
export function redactSecrets(message: string, secrets: readonly string[]): string {
  // Longest first, so a secret that contains another one is hidden whole.
  const ordered = [...secrets].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  return ordered.reduce((text, secret) => text.split(secret).join('***'), message);
}
