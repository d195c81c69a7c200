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

/** Longest message a problem prints: whatever a file holds, one problem is one readable line. */
const MAX_MESSAGE = 300;

/** Thrown by the loader with every problem it found; the CLI maps it to exit code 2. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const lines = problems.map((p) => ({ ...p, message: oneLine(p.message) }));
    const first = lines[0];
    super(first ? formatProblem(first) : 'invalid configuration');
    this.name = 'ConfigError';
    this.problems = lines;
  }
}

/** Control characters and line separators: a message that holds one is escaped to stay one line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** A message as one short printable line: control characters escaped, the end cut. */
function oneLine(message: string): string {
  const printable = message.replace(UNPRINTABLE, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return printable.length > MAX_MESSAGE ? `${printable.slice(0, MAX_MESSAGE - 1)}…` : printable;
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
