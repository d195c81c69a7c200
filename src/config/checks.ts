// Schemas for the mappings of names to values: request headers and form fields, and the
// `expect.json` / `expect.headers` checks, whose keys are validated as well as their values.
import { z } from 'zod';
import type { ValueCheck } from './types.js';
import { describeInput, isScalarValue, regexField, scalarTextField } from './fields.js';
import { parseJsonPath } from './jsonpath.js';

/** Custom issues with this param point at a mapping key rather than its value. */
export const AT_KEY = { at: 'key' } as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header name → value; names must be valid tokens and distinct regardless of case. */
export const headersField = z.record(z.string(), scalarTextField).superRefine((headers, ctx) => {
  const seen = new Set<string>();
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], params: AT_KEY, message: `invalid header name ${JSON.stringify(name)}` });
    } else if (seen.has(lower)) {
      ctx.addIssue({ code: 'custom', path: [name], params: AT_KEY, message: `header "${lower}" is given twice (header names ignore case)` });
    }
    seen.add(lower);
  }
});

/** Form field → value, sent as application/x-www-form-urlencoded. */
export const formField = z.record(z.string(), scalarTextField);

const CHECK_OPS = ['exists', 'equals', 'contains', 'matches'] as const;
type CheckOp = (typeof CHECK_OPS)[number];

type IssueSink = { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string; params?: object }): void };

/**
 * A check from the file: a plain value means "equals", a mapping names one operator. `asText`
 * compares headers as the text they are.
 */
function toCheck(spec: unknown, path: PropertyKey[], ctx: IssueSink, asText: boolean): ValueCheck | undefined {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    if (!asText) return { op: 'equals', value: spec };
    if (isScalarValue(spec)) return { op: 'equals', value: String(spec) };
    ctx.addIssue({ code: 'custom', path, message: `expected a header value or { exists | equals | contains | matches }, got ${describeInput(spec)}` });
    return undefined;
  }
  const entries = Object.entries(spec);
  const [entry] = entries;
  const op = CHECK_OPS.find((o) => o === entry?.[0]);
  if (entries.length !== 1 || !entry || op === undefined) {
    const keys = entries.map(([k]) => JSON.stringify(k)).join(', ') || 'nothing';
    const hint = asText ? '' : ' (to compare with a mapping, write { equals: { … } })';
    ctx.addIssue({ code: 'custom', path, message: `expected exactly one of ${CHECK_OPS.join(', ')}, got ${keys}${hint}` });
    return undefined;
  }
  return checkFor(op, entry[1], [...path, op], ctx, asText);
}

function checkFor(op: CheckOp, value: unknown, path: PropertyKey[], ctx: IssueSink, asText: boolean): ValueCheck | undefined {
  const wrong = (expected: string) => {
    ctx.addIssue({ code: 'custom', path, message: `expected ${expected}, got ${describeInput(value)}` });
    return undefined;
  };
  switch (op) {
    case 'exists':
      return typeof value === 'boolean' ? { op, value } : wrong('true or false');
    case 'contains':
      return typeof value === 'string' ? { op, value } : wrong('text');
    case 'equals':
      if (!asText) return { op, value };
      return isScalarValue(value) ? { op, value: String(value) } : wrong('text');
    case 'matches': {
      const regex = regexField.safeParse(value);
      if (regex.success) return { op, value: regex.data };
      for (const issue of regex.error.issues) ctx.addIssue({ code: 'custom', path, message: issue.message });
      return undefined;
    }
  }
}

/** One check as the JSON Schema describes it: a mapping with exactly one operator. */
const CHECK_JSON = {
  type: 'object',
  properties: {
    exists: { type: 'boolean', description: 'true: the value must be there; false: it must not.' },
    equals: { description: 'The value must equal this (a plain value means the same).' },
    contains: { type: 'string', description: 'The value, as text, must contain this.' },
    matches: { type: 'string', description: 'The value, as text, must match this regular expression.' },
  },
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
};

/** `expect.json`: JSON path → check; paths are parsed now so a typo fails `validate`. */
export const jsonChecksField = z.record(z.string(), z.unknown()).meta({ additionalProperties: { anyOf: [{ not: { type: 'object' } }, CHECK_JSON] } }).transform((entries, ctx) => {
  const checks: { path: string; check: ValueCheck }[] = [];
  for (const [path, spec] of Object.entries(entries)) {
    const parsed = parseJsonPath(path);
    if (!Array.isArray(parsed)) ctx.addIssue({ code: 'custom', path: [path], params: AT_KEY, message: parsed.error });
    const check = toCheck(spec, [path], ctx, false);
    if (check && Array.isArray(parsed)) checks.push({ path, check });
  }
  return checks;
});

/** `expect.headers`: header name (any case) → check on its value. */
export const headerChecksField = z.record(z.string(), z.unknown()).meta({ additionalProperties: { anyOf: [{ type: ['string', 'number', 'boolean'] }, CHECK_JSON] } }).transform((entries, ctx) => {
  const checks: { name: string; check: ValueCheck }[] = [];
  for (const [name, spec] of Object.entries(entries)) {
    const check = toCheck(spec, [name], ctx, true);
    if (check) checks.push({ name: name.toLowerCase(), check });
  }
  return checks;
});

/** One check on a text value (a links probe's `expect.finalUrl`): text means equals. */
export const textCheckField = z.unknown().transform((spec, ctx): ValueCheck => toCheck(spec, [], ctx, true) ?? z.NEVER);
