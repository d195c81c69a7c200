// Durations as the file and the flags write them: `250ms`, `5s`, `1m`, `1.5s`, or bare milliseconds.

/** The longest timer Node can set (about 24.8 days); a longer one would fire at once. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m)?$/;

/** Milliseconds, or undefined when the text is not a duration (the CLI reuses it for `--timeout`). */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const match = DURATION.exec(text.trim());
  if (!match?.[1]) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
  return Number.isFinite(ms) ? ms : undefined;
}
