// Turns zod issues into positioned problems: unknown keys point at the key and list the allowed
// ones, missing keys point at the mapping that lacks them, everything else at the bad value.
import { z } from 'zod';
import type { DataPath } from './positions.js';
import { describeInput } from './fields.js';
import { schemaAt, suggestKey } from './suggest.js';

/** Where a problem goes: a data path (for its position) and the message. */
export type Report = (path: DataPath, message: string, part?: 'key' | 'value') => void;

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', record: 'a mapping', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false' };

/** Why a required key matters, for the keys whose absence needs explaining. */
const MISSING_HINTS: Record<string, string> = {
  version: ' (write "version: 1" at the top)',
  surface: ' (api or web: which side of the product this probe checks)',
  probes: ' (a list of probes to run)',
  links: ' (urls, fromPage or both: which links to check)',
};

/** Messages in the file's terms instead of zod's. Unknown keys get the allowed list; the caller names each key. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.inst instanceof z.ZodObject ? `allowed: ${Object.keys(issue.inst.shape).join(', ')}` : 'not allowed here';
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeInput(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeInput(issue.input)}`;
    default:
      return undefined;
  }
};

/** Parses `value` (found at `path` in the file) and reports every issue; null when there were any. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, path: DataPath, report: Report): z.output<S> | null {
  const result = schema.safeParse(value, { error: errorMap });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = [...path, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const mapping = schemaAt(schema, issue.path);
      for (const key of issue.keys) {
        const hint = mapping === undefined ? '' : suggestKey(key, mapping);
        report([...at, key], `unknown key ${describeInput(key)}${hint} (${issue.message})`, 'key');
      }
    } else if (isMissing(value, issue.path)) {
      const key = String(at[at.length - 1]);
      report(at.slice(0, -1), `missing required key ${JSON.stringify(key)}${MISSING_HINTS[key] ?? ''}`);
    } else {
      const params = issue.code === 'custom' ? (issue.params as { at?: string } | undefined) : undefined;
      report(at, issue.message, params?.at === 'key' ? 'key' : 'value');
    }
  }
  return null;
}

/** Whether the last key of `path` is absent from its (present) parent mapping. */
function isMissing(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  const last = path[path.length - 1];
  return typeof node === 'object' && node !== null && !Array.isArray(node) && last !== undefined && !Object.hasOwn(node, last);
}
