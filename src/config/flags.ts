// What the command-line flags do beyond overriding values: sanity of the numbers they carry, and
// `--only` / `--surface` choosing which validated probes run.
import type { Surface } from '../model/surface.js';
import type { ConfigOverrides } from './types.js';

/** What --only and --surface look at in a probe. */
interface Selectable {
  id: string;
  tags: string[];
  surface: Surface;
}

/** Problems with numeric flags the CLI passed through (the file's own values are checked by the schema). */
export function checkOverrides(overrides: ConfigOverrides): string[] {
  const problems: string[] = [];
  const count = (flag: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) problems.push(`${flag}: expected a whole number of 1 or more, got ${value}`);
  };
  count('--concurrency', overrides.concurrency);
  count('--samples', overrides.samples);
  const timeout = overrides.timeoutMs;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) problems.push(`--timeout: expected a duration above 0, got ${timeout}`);
  return problems;
}

/** The probes the flags select (an id or any tag in --only; the --surface), or why none is left. */
export function selectProbes<P extends Selectable>(probes: P[], overrides: ConfigOverrides): P[] | { error: string } {
  const only = overrides.only?.filter((name) => name !== '') ?? [];
  const { surface } = overrides;
  const wanted = (p: P) => only.length === 0 || only.includes(p.id) || p.tags.some((t) => only.includes(t));
  const selected = probes.filter((p) => wanted(p) && (surface === undefined || p.surface === surface));
  if (selected.length > 0) return selected;
  const flags = [...(only.length > 0 ? [`--only ${only.join(',')}`] : []), ...(surface !== undefined ? [`--surface ${surface}`] : [])];
  return { error: `no probe matches ${flags.join(' ')}` };
}
