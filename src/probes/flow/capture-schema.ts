// The `capture` mapping of a flow step: name → where to read the value (regex, json, header or
// cookie), checked at load time so a bad regex or JSON path fails `validate`, not every sample.
import { z } from 'zod';
import { booleanField, regexField, textField } from '../../config/fields.js';
import type { Report } from '../../config/issues.js';
import { parseJsonPath } from '../../config/jsonpath.js';
import type { Pattern } from '../../config/pattern.js';
import type { DataPath } from '../../config/positions.js';

/** Where a flow step reads a value from: the final response's body, headers, or the cookie jar. */
export type CaptureSource =
  | { from: 'regex'; pattern: Pattern }
  | { from: 'json'; path: string }
  | { from: 'header'; name: string }
  | { from: 'cookie'; name: string };

/** `capture: { name: … }` of a flow step: later steps read the value as `${name}`. */
export interface CaptureSpec {
  name: string;
  source: CaptureSource;
  /** The value is redacted from every output, like `${secret.*}` values. */
  secret: boolean;
}

/** A capture is read as `${name}`, so its name must be one `${…}` can hold and not look like env./secret. */
const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SOURCES = ['regex', 'json', 'header', 'cookie'] as const;

const captureEntrySchema = z
  .strictObject({
    regex: regexField.optional().describe('A regular expression on the body; the value is its first capturing group.'),
    json: textField.optional().describe('A JSON path into the body: $.token, $.items[0].id …'),
    header: textField.optional().describe('A response header (any case).'),
    cookie: textField.optional().describe('A cookie in the jar, by name.'),
    secret: booleanField.optional().describe('Mask the value in every output, like ${secret.NAME} values (default false).'),
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
      if (entry.regex.groupCount === 0) return issue('the regex needs a capturing group: the value is its first group, e.g. value="([^"]+)"', ['regex']);
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

/** `capture:` → the step's captures in the order written (names are checked by checkCaptureNames). */
export const capturesField = z
  .record(z.string(), captureEntrySchema)
  .transform((entries): CaptureSpec[] => Object.entries(entries).map(([name, entry]) => ({ name, ...entry })));

/** The `capture` mapping of a raw step, whatever else is wrong with it. */
function rawCaptures(rawStep: unknown): Record<string, unknown> {
  const capture = typeof rawStep === 'object' && rawStep !== null ? (rawStep as Record<string, unknown>).capture : undefined;
  return typeof capture === 'object' && capture !== null && !Array.isArray(capture) ? (capture as Record<string, unknown>) : {};
}

/** The names a raw step captures, even when the step is invalid (so later steps get no false errors). */
export function captureNamesOf(rawStep: unknown): string[] {
  return Object.keys(rawCaptures(rawStep));
}

/**
 * Reports each capture name that `${…}` could not read; checked on the raw step so that a
 * problem elsewhere in the mapping hides nothing.
 */
export function checkCaptureNames(rawStep: unknown, path: DataPath, report: Report): void {
  for (const name of captureNamesOf(rawStep)) {
    if (CAPTURE_NAME.test(name) && name !== 'env' && name !== 'secret') continue;
    report([...path, 'capture', name], `invalid capture name ${JSON.stringify(name)}: use letters, digits and _ (not starting with a digit), so that \${${name}} reads it`, 'key');
  }
}
