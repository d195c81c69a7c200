// A bare number is milliseconds (SPEC), so `timeout: 5` is 5 ms: valid, and almost never meant.
// `validate` warns about such numbers instead of refusing them.
import type { DataPath, Locate, Position } from './positions.js';
import { formatDataPath } from './positions.js';

/** Keys whose value is a duration, wherever they appear in the file. */
const DURATION_KEYS = new Set(['timeout', 'maxLatency', 'p95', 'p99', 'retryDelay']);
/** Mappings whose keys are the user's own names (headers, form fields, JSON paths): not settings. */
const FREE_FORM = new Set(['headers', 'json', 'form', 'body', 'capture']);
/** Below this, a bare number is more likely seconds written without a unit than milliseconds. */
export const BARE_DURATION_WARN_BELOW = 50;

/** A warning at a place in the file: it does not stop the run. */
export interface ConfigWarning extends Position {
  message: string;
}

/** Every bare-number duration under 50 in the file's data, with its position. */
export function durationWarnings(data: unknown, locate: Locate): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const visit = (value: unknown, path: DataPath): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      // Top-level x- keys hold YAML anchors; what they hold is warned about where it is used.
      if (path.length === 0 && key.startsWith('x-')) continue;
      const at = [...path, key];
      if (DURATION_KEYS.has(key) && typeof child === 'number' && child > 0 && child < BARE_DURATION_WARN_BELOW) {
        const message = `${formatDataPath(at)}: ${child} is ${child} ms (a bare number is milliseconds); write ${child}s if you meant seconds, or ${child}ms to keep it and silence this`;
        warnings.push({ ...locate(at), message });
      } else if (!FREE_FORM.has(key)) {
        visit(child, at);
      }
    }
  };
  visit(data, []);
  return warnings;
}
