// What every step of loading shares: the inputs, where problems go, and the secrets found so far.
import type { ConfigOverrides } from './types.js';
import type { Report } from './issues.js';
import type { DataPath } from './positions.js';
import { interpolate } from './interpolate.js';
import { environmentLookup, flowStepLookup } from './variables.js';

/** Passed through every loading step so each reports problems and secrets the same way. */
export interface LoadContext {
  env: Record<string, string | undefined>;
  overrides: ConfigOverrides;
  /** A problem at a place in the file. */
  report: Report;
  /** A problem with no place in the file (a flag): line 1, column 1. */
  reportAtStart(message: string): void;
  /** Every secret value met so far: RunConfig.secrets. */
  secrets: Set<string>;
  /** The probes file as given: paths in it (`ca`, `cert`, `key`) are relative to its folder. */
  file?: string;
}

/** A string after `${env.…}`/`${secret.…}` substitution; `display` hides the secret parts. */
export interface Filled {
  value: string;
  display: string;
}

/**
 * Which `${…}` a string may use. A string (e.g. "in an http probe", named in messages) allows
 * `${env.*}` and `${secret.*}` only; `captures` (in flow steps) also allows the names captured
 * by earlier steps, which stay as `${name}` in a template for run time.
 */
export type VariableScope = string | { captures: ReadonlySet<string> };

/** Interpolates one string found at `path`; reports its problems there and returns null if any. */
export function fill(ctx: LoadContext, template: string, path: DataPath, scope: VariableScope): Filled | null {
  const result =
    typeof scope === 'string'
      ? interpolate(template, environmentLookup(ctx.env, scope))
      : interpolate(template, flowStepLookup(ctx.env, scope.captures), { output: 'template' });
  for (const secret of result.secrets) ctx.secrets.add(secret);
  for (const problem of result.problems) ctx.report(path, problem);
  return result.problems.length > 0 ? null : { value: result.value, display: result.display };
}

/** Interpolates every value of a string map (headers, form fields); null if any failed. */
export function fillRecord(ctx: LoadContext, record: Record<string, string>, path: DataPath, scope: VariableScope): Record<string, string> | null {
  const entries = Object.entries(record).map(([name, template]) => [name, fill(ctx, template, [...path, name], scope)] as const);
  if (entries.some(([, filled]) => filled === null)) return null;
  return Object.fromEntries(entries.map(([name, filled]) => [name, filled?.value ?? '']));
}

/** What HTTP can carry in a header value (undici's rule): no line breaks, nothing beyond Latin-1. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Interpolates header values and checks that each can be sent: a line break or a character
 * beyond Latin-1 (from the file or a variable) is a config error, not a failure of every sample.
 */
export function fillHeaders(ctx: LoadContext, record: Record<string, string>, path: DataPath, scope: VariableScope): Record<string, string> | null {
  const filled = fillRecord(ctx, record, path, scope);
  if (filled === null) return null;
  let ok = true;
  for (const [name, value] of Object.entries(filled)) {
    if (HEADER_VALUE.test(value)) continue;
    ctx.report([...path, name], 'a header value cannot hold a line break, a control character or a character beyond Latin-1 (é is fine, 中 is not)');
    ok = false;
  }
  return ok ? filled : null;
}
