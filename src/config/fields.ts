// Schemas for single values of the file (durations, rates, sizes, statuses, regexes…): each one
// converts what the file says into what the runners need and says what it expected when it can't.
import { z } from 'zod';
import type { StatusMatcher } from './types.js';
import { MAX_DURATION_MS, parseDuration } from './duration.js';
import { parseRate } from './rate.js';
import { Pattern } from './pattern.js';
import { parseSize } from './size.js';

/** How a value from the file reads in "got …": short, and never a whole mapping. */
export function describeInput(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A value schema from a converter: `parse` returns undefined for anything it does not accept. */
export function field<T>(expected: string, parse: (value: unknown) => T | undefined) {
  return z.unknown().transform((value, ctx): T => {
    const parsed = parse(value);
    if (parsed !== undefined) return parsed;
    ctx.addIssue({ code: 'custom', message: `expected ${expected}, got ${describeInput(value)}`, input: value });
    return z.NEVER;
  });
}

/** A duration as text in the JSON Schema (duration.ts reads the same forms). */
const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*(ms|s|m)?\\s*$';

/** More retries than this would hide an outage behind a wall of attempts. */
export const MAX_RETRIES = 10;

const scalar = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number';

/** A value YAML may have read from unquoted text: a string, a number or a boolean. */
export function isScalarValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
const positive = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);

/** Milliseconds above zero: `250ms`, `5s`, `1m`, or a bare number of milliseconds. */
export const durationField = field('a duration like 250ms, 5s or 1m', (v) => (scalar(v) ? positive(parseDuration(v)) : undefined))
  .refine((ms) => ms <= MAX_DURATION_MS, 'expected a duration of at most 24 days')
  .meta({ anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', exclusiveMinimum: 0 }] });

/** Milliseconds that may be zero: a pause such as `retryDelay: 0`. */
export const delayField = field('a duration like 0, 500ms or 2s', (v) => (scalar(v) ? parseDuration(v) : undefined)).meta({
  anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', minimum: 0 }],
});

/** Retries of a failed sample: a handful at most, so a typo cannot multiply the load on a service. */
export const retriesField = field(`a whole number from 0 to ${MAX_RETRIES}`, (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_RETRIES ? v : undefined,
).meta({ type: 'integer', minimum: 0, maximum: MAX_RETRIES });

/** A fraction 0..1 from `95%` or `0.95`. */
export const rateField = field('a rate like 95% or a fraction from 0 to 1', (v) => (scalar(v) ? parseRate(v) : undefined)).meta({
  // 0% to 100%, as parseRate reads them.
  anyOf: [{ type: 'string', pattern: '^\\s*(0*100(\\.0+)?|0*\\d{1,2}(\\.\\d+)?)\\s*%\\s*$' }, { type: 'number', minimum: 0, maximum: 1 }],
});

/** Bytes above zero from `512KiB`, `1MiB`, `100kB` or a bare number. */
export const sizeField = field('a size like 512KiB, 1MiB or a number of bytes', (v) => (scalar(v) ? positive(parseSize(v)) : undefined)).meta({
  anyOf: [{ type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*([kmgKMG][iI]?[bB]|[bB])?\\s*$' }, { type: 'number', exclusiveMinimum: 0 }],
});

/** A count of things that must happen at least once (samples, concurrency). */
export const countField = field('a whole number of 1 or more', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined)).meta({
  type: 'integer',
  minimum: 1,
});

/** A limit that may be zero (maxRedirects: 0 allows no redirect). */
export const limitField = field('a whole number of 0 or more', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined)).meta({
  type: 'integer',
  minimum: 0,
});

/** A YAML boolean; `"true"` in quotes is text, and an error. */
export const booleanField = field('true or false', (v) => (typeof v === 'boolean' ? v : undefined)).meta({ type: 'boolean' });

/** Non-empty text. */
export const textField = field('text', (v) => (typeof v === 'string' && v !== '' ? v : undefined)).meta({ type: 'string', minLength: 1 });

/** Text where YAML may have read a number or boolean (`x-version: 2`): kept as the text it was. */
export const scalarTextField = field('text', (v) => (isScalarValue(v) ? String(v) : undefined)).meta({ type: ['string', 'number', 'boolean'] });

/** One of a fixed set of words. */
export function choiceField<const T extends string>(choices: readonly T[]) {
  return field(`one of ${choices.join(', ')}`, (v) => choices.find((c) => c === v)).meta({ enum: [...choices] });
}

/**
 * A regular expression that must compile now rather than fail every sample later; it runs on RE2
 * (pattern.ts), so one it cannot run (a backreference, a lookahead) is a config error here.
 */
export const regexField = z.unknown().transform((value, ctx): Pattern => {
  if (typeof value !== 'string') {
    ctx.addIssue({ code: 'custom', message: `expected a regular expression as text, got ${describeInput(value)}`, input: value });
    return z.NEVER;
  }
  const pattern = Pattern.compile(value);
  if (pattern instanceof Pattern) return pattern;
  const hint = /\\[1-9k]|\(\?[=!]/.test(value) ? ' (regexes run on RE2: no backreferences or lookahead)' : '';
  ctx.addIssue({ code: 'custom', message: `invalid regular expression ${JSON.stringify(value)}: ${pattern.error}${hint}`, input: value });
  return z.NEVER;
}).meta({ type: 'string' });

/** One status in the JSON Schema: a code, or a class like "2xx". */
const STATUS_JSON = { anyOf: [{ type: 'integer', minimum: 100, maximum: 599 }, { type: 'string', pattern: '^([1-5][0-9][0-9]|[1-5][xX][xX])$' }] };

const STATUS_CLASS = /^([1-5])xx$/i;
const STATUS_CODE = /^[1-5]\d\d$/;

/** `200`, `"2xx"`, or a list of either, as a StatusMatcher. */
export const statusField = field('a status like 200, [200, 204] or "2xx"', (v): StatusMatcher | undefined => {
  const matcher: StatusMatcher = { codes: [], classes: [] };
  for (const item of Array.isArray(v) ? v : [v]) {
    const text = String(item);
    const cls = STATUS_CLASS.exec(text);
    if (!scalar(item)) return undefined;
    if (cls?.[1]) matcher.classes.push(Number(cls[1]));
    else if (STATUS_CODE.test(text)) matcher.codes.push(Number(text));
    else return undefined;
  }
  return matcher.codes.length + matcher.classes.length > 0 ? matcher : undefined;
}).meta({ anyOf: [STATUS_JSON, { type: 'array', items: STATUS_JSON, minItems: 1 }] });
