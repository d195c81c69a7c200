// `controls:` (top level): endpoints trusted to be up that share nothing with the service. They
// test the prober's own network; each is one absolute URL, with an optional timeout and headers.
import { z } from 'zod';
import { headersField } from './checks.js';
import { fill, fillHeaders, type LoadContext } from './context.js';
import { BUILT_IN, type ResolvedDefaults } from './defaults.js';
import { durationField, textField } from './fields.js';
import { parseWith } from './issues.js';
import type { DataPath } from './positions.js';
import type { ControlSpec } from './types.js';
import { absoluteHttpUrl } from './urls.js';

/** One control as written. */
export const controlSchema = z.strictObject({
  url: textField.describe('Absolute http or https URL of an endpoint that shares nothing with the service; any HTTP answer (any status) within the timeout passes.'),
  timeout: durationField.optional().describe('How long to wait for an answer; else --timeout, else defaults.timeout, else 10s.'),
  headers: headersField.optional().describe('Request headers to send with this control.'),
});

/** Controls are few by nature; a long list is a mistake (and would be a load of its own). */
export const MAX_CONTROLS = 10;

const controlsSchema = z.array(z.unknown()).min(1, 'expected at least one control, or no `controls` key').max(MAX_CONTROLS, `expected at most ${MAX_CONTROLS} controls`);

function loadControl(raw: unknown, path: DataPath, defaults: ResolvedDefaults, ctx: LoadContext): ControlSpec | null {
  const input = parseWith(controlSchema, raw, path, ctx.report);
  if (input === null) return null;
  const scope = 'in controls';
  const text = fill(ctx, input.url, [...path, 'url'], scope);
  const headers = fillHeaders(ctx, input.headers ?? {}, [...path, 'headers'], scope);
  if (text === null || headers === null) return null;
  // Absolute only: a control on the service's own base URL would test the service, not the prober.
  const url = absoluteHttpUrl(text);
  if (!(url instanceof URL)) {
    ctx.report([...path, 'url'], url.error);
    return null;
  }
  const timeoutMs = input.timeout ?? ctx.overrides.timeoutMs ?? defaults.timeout ?? BUILT_IN.timeoutMs;
  return { url: url.href, timeoutMs, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) };
}

/** The file's controls (an empty list without the key); problems are reported with their place. */
export function loadControls(raw: unknown, defaults: ResolvedDefaults, ctx: LoadContext): ControlSpec[] {
  if (raw === undefined) return [];
  const list = parseWith(controlsSchema, raw, ['controls'], ctx.report);
  if (list === null) return [];
  return list.map((item, index) => loadControl(item, ['controls', index], defaults, ctx)).filter((c): c is ControlSpec => c !== null);
}
