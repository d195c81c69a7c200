// Resolves one `request` mapping, shared by http probes and flow steps: what it inherits (base
// URL, headers, transport settings) under what it says, every string interpolated, the URL resolved.
import { USER_AGENT } from '../version.js';
import type { RequestBody, RequestSpec } from './types.js';
import { fill, fillHeaders, fillRecord, type LoadContext, type VariableScope } from './context.js';
import { BUILT_IN, type ResolvedDefaults } from './defaults.js';
import type { DataPath } from './positions.js';
import { layerReach, maskUrlPassword, resolveReach, type ReachInput, type ReachLayers } from './reach.js';
import type { RequestInput } from './schema.js';
import { resolveProbeUrl, resolveUrlTemplate } from './urls.js';

/** What a request starts from before its own fields apply: the defaults, the probe, the flags. */
export interface InheritedRequest {
  baseUrl: ResolvedDefaults['baseUrl'];
  headers: Record<string, string>;
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  maxBodySize: number;
  insecure: boolean;
  /** The "reaching real services" fields set so far (defaults, then the probe), with where each was written. */
  reach: ReachLayers;
}

/** The file's defaults over the built-in ones, with the timeout the probe (or step) settled on. */
export function inheritFromDefaults(defaults: ResolvedDefaults, timeoutMs: number, probe?: { input: ReachInput; path: DataPath }): InheritedRequest {
  return {
    baseUrl: defaults.baseUrl,
    headers: defaults.headers,
    timeoutMs,
    followRedirects: defaults.followRedirects ?? BUILT_IN.followRedirects,
    maxRedirects: defaults.maxRedirects ?? BUILT_IN.maxRedirects,
    maxBodySize: defaults.maxBodySize ?? BUILT_IN.maxBodySize,
    insecure: defaults.insecure ?? BUILT_IN.insecure,
    // The probe's own top-level fields over the defaults'; a request's own over both.
    reach: layerReach(layerReach({}, defaults, ['defaults']), probe?.input, probe?.path ?? []),
  };
}

/** The resolved request, or null when a problem was reported (unset variable, bad URL). */
export function resolveRequest(request: RequestInput, path: DataPath, inherited: InheritedRequest, ctx: LoadContext, scope: VariableScope): RequestSpec | null {
  const url = resolveUrl(request.url, [...path, 'url'], inherited.baseUrl, ctx, scope);
  const headers = mergeHeaders(inherited.headers, request.headers, [...path, 'headers'], ctx, scope);
  const body = resolveBody(request, path, ctx, scope);
  const reach = resolveReach(layerReach(inherited.reach, request, path), ctx, scope);
  if (url === null || headers === null || body === null || reach === null) return null;
  // user:pass@ in the URL is sent as Basic authentication; its password is masked like a secret.
  maskUrlPassword(url, ctx);
  return {
    method: request.method ?? BUILT_IN.method,
    url,
    headers,
    ...(body !== undefined && { body }),
    followRedirects: request.followRedirects ?? inherited.followRedirects,
    maxRedirects: request.maxRedirects ?? inherited.maxRedirects,
    timeoutMs: inherited.timeoutMs,
    maxBodySize: request.maxBodySize ?? inherited.maxBodySize,
    insecure: request.insecure ?? inherited.insecure,
    reach,
  };
}

/** Interpolates a URL and resolves it against the base; null when a problem was reported. */
export function resolveUrl(template: string, path: DataPath, base: ResolvedDefaults['baseUrl'], ctx: LoadContext, scope: VariableScope): string | null {
  const text = fill(ctx, template, path, scope);
  if (text === null) return null;
  if (base === 'invalid') return null; // already reported; a second message would only repeat it
  // In a flow step the URL is a template: `${capture}` references must survive resolution.
  const url = typeof scope === 'string' ? resolveProbeUrl(text, base) : resolveUrlTemplate(text, base);
  if (url instanceof URL) return url.href;
  if (typeof url === 'string') return url;
  ctx.report(path, url.error);
  return null;
}

/** Inherited headers, then the request's; names lowercased; a user-agent unless one is set. */
export function mergeHeaders(
  inherited: Record<string, string>,
  own: Record<string, string> | undefined,
  path: DataPath,
  ctx: LoadContext,
  scope: VariableScope,
): Record<string, string> | null {
  const filled = fillHeaders(ctx, own ?? {}, path, scope);
  if (filled === null) return null;
  const merged = new Map(Object.entries(inherited));
  for (const [name, value] of Object.entries(filled)) merged.set(name.toLowerCase(), value);
  if (!merged.has('user-agent')) merged.set('user-agent', USER_AGENT);
  return Object.fromEntries(merged);
}

/** The body with its strings interpolated: undefined for none, null when a problem was reported. */
function resolveBody(request: RequestInput, path: DataPath, ctx: LoadContext, scope: VariableScope): RequestBody | undefined | null {
  if (request.body !== undefined) {
    const text = fill(ctx, request.body, [...path, 'body'], scope);
    return text && { type: 'raw', text: text.value };
  }
  if (request.json !== undefined) {
    let failed = false;
    const value = mapStrings(request.json, [...path, 'json'], (template, at) => {
      const text = fill(ctx, template, at, scope);
      failed ||= text === null;
      return text?.value ?? template;
    });
    return failed ? null : { type: 'json', value };
  }
  if (request.form !== undefined) {
    const fields = fillRecord(ctx, request.form, [...path, 'form'], scope);
    return fields && { type: 'form', fields };
  }
  return undefined;
}

/** A copy of a JSON value with `fn` applied to every string leaf (keys stay as written). */
export function mapStrings(value: unknown, path: DataPath, fn: (text: string, path: DataPath) => string): unknown {
  if (typeof value === 'string') return fn(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, [...path, i], fn));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, [...path, key], fn)]));
  }
  return value;
}
