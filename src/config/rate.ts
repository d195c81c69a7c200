// Success rates as the file writes them: `95%` or a fraction between 0 and 1.

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;

/** A fraction 0..1 (SPEC: 95% → 0.95), or undefined when the value is not a rate. */
export function parseRate(value: string | number): number | undefined {
  let rate: number;
  if (typeof value === 'number') {
    rate = value;
  } else {
    const match = PERCENT.exec(value.trim());
    if (!match?.[1]) return undefined;
    rate = Number(match[1]) / 100;
  }
  return Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : undefined;
}
