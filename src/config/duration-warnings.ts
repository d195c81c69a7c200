// A bare number as a duration means milliseconds (SPEC), so `timeout: 5` is 5 ms: almost always
// meant as seconds. `validate` warns about small ones; the file stays valid.
import type { ConfigProblem } from './errors.js';
import { formatDataPath, type DataPath, type Locate } from './positions.js';

const DURATION_KEYS = new Set(['timeout', 'maxLatency', 'retryDelay', 'p95', 'p99']);
/** Below this, a bare number is more likely seconds written without a unit than milliseconds. */
const SUSPICIOUS_BELOW_MS = 50;

export function bareDurationWarnings(data: unknown, locate: Locate, file: string): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const walk = (value: unknown, path: DataPath): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, [...path, i]));
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key];
      if (DURATION_KEYS.has(key) && typeof item === 'number' && item > 0 && item < SUSPICIOUS_BELOW_MS) {
        warnings.push({ file, ...locate(at), message: `${formatDataPath(at)}: ${item} means ${item} milliseconds; write "${item}s" for seconds` });
      } else walk(item, at);
    }
  };
  walk(data, []);
  return warnings;
}
