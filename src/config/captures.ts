// The `capture` mapping of a flow step: name → where to read the value (regex, json, header or
// cookie), checked at load time so a bad regex or JSON path fails `validate`, not every sample.
import { z } from 'zod';
import type { CaptureSource, CaptureSpec } from './types.js';
import { AT_KEY } from './checks.js';
import { booleanField, regexField, textField } from './fields.js';
import { parseJsonPath } from './jsonpath.js';

/** A capture is read as `${name}`, so its name must be one `${…}` can hold and not look like env./secret. */
const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SOURCES = ['regex', 'json', 'header', 'cookie'] as const;

/** How many capturing groups a regex has (a regex that can match "" tells, through its match). */
function groupCount(pattern: RegExp): number {
  return (new RegExp(`${pattern.source}|`).exec('')?.length ?? 1) - 1;
}

const captureEntrySchema = z
  .strictObject({
    regex: regexField.optional(),
    json: textField.optional(),
    header: textField.optional(),
    cookie: textField.optional(),
    secret: booleanField.optional(),
  })
  .transform((entry, ctx): Omit<CaptureSpec, 'name'> => {
    const given = SOURCES.filter((key) => entry[key] !== undefined);
    const issue = (message: string, path: PropertyKey[] = []) => {
      ctx.addIssue({ code: 'custom', path, message });
      return z.NEVER;
    };
    if (given.length === 0) return issue(`expected one of ${SOURCES.join(', ')} (where to read the value from)`);
    if (given.length > 1) return issue(`use only one of ${SOURCES.join(', ')} (found ${given.join(' and ')})`, [given[1] ?? '']);
    let source: CaptureSource;
    if (entry.regex !== undefined) {
      if (groupCount(entry.regex) === 0) return issue('the regex needs a capturing group: the value is its first group, e.g. value="([^"]+)"', ['regex']);
      source = { from: 'regex', pattern: entry.regex };
    } else if (entry.json !== undefined) {
      const parsed = parseJsonPath(entry.json);
      if (!Array.isArray(parsed)) return issue(parsed.error, ['json']);
      source = { from: 'json', path: entry.json };
    } else if (entry.header !== undefined) {
      source = { from: 'header', name: entry.header.toLowerCase() };
    } else {
      source = { from: 'cookie', name: entry.cookie ?? '' };
    }
    return { source, secret: entry.secret ?? false };
  });

/** `capture:` → the step's captures in the order written. */
export const capturesField = z.record(z.string(), captureEntrySchema).transform((entries, ctx) => {
  const captures: CaptureSpec[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    if (CAPTURE_NAME.test(name) && name !== 'env' && name !== 'secret') captures.push({ name, ...entry });
    else {
      const message = `invalid capture name ${JSON.stringify(name)}: use letters, digits and _ (not starting with a digit), so that \${${name}} reads it`;
      ctx.addIssue({ code: 'custom', path: [name], params: AT_KEY, message });
    }
  }
  return captures;
});

/** The names a raw `capture` mapping defines, even when it is invalid (so later steps get no false errors). */
export function captureNamesOf(rawStep: unknown): string[] {
  const capture = typeof rawStep === 'object' && rawStep !== null ? (rawStep as Record<string, unknown>).capture : undefined;
  return typeof capture === 'object' && capture !== null && !Array.isArray(capture) ? Object.keys(capture) : [];
}
