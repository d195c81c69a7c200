// Builds an HttpProbe from its checked input: built-in defaults < file defaults < probe < flags,
// with every request string interpolated and the URL resolved against the base.
import { USER_AGENT } from '../version.js';
import type { HttpProbe, RequestBody, RequestSpec, Thresholds } from './types.js';
import { fill, fillHeaders, fillRecord, type LoadContext } from './context.js';
import { BUILT_IN, type ResolvedDefaults } from './defaults.js';
import { parseWith } from './issues.js';
import type { DataPath } from './positions.js';
import { httpProbeSchema, requestSchema, type HttpProbeInput, type RequestInput } from './schema.js';
import { resolveProbeUrl } from './urls.js';

const WHERE = 'in an http probe';

/**
 * Validates and resolves one http probe. When another part of the probe is invalid but its
 * request is fine, the request is still resolved so `validate` reports its variables and URL too.
 */
export function loadHttpProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): HttpProbe | null {
  const input = parseWith(httpProbeSchema, raw, path, ctx.report);
  if (defaults === null) return null;
  if (input !== null) return resolveHttpProbe(input, path, defaults, ctx);
  const request = requestSchema.safeParse(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).request : undefined);
  if (request.success) resolveRequestParts(request.data, [...path, 'request'], defaults, ctx);
  return null;
}

/** The resolved probe, or null when a problem was reported (unset variable, bad URL). */
export function resolveHttpProbe(input: HttpProbeInput, path: DataPath, defaults: ResolvedDefaults, ctx: LoadContext): HttpProbe | null {
  const { request } = input;
  const parts = resolveRequestParts(request, [...path, 'request'], defaults, ctx);
  if (parts === null) return null;

  const { overrides } = ctx;
  return {
    id: input.id,
    kind: 'http',
    surface: input.surface,
    tags: [...new Set(input.tags ?? [])],
    samples: overrides.samples ?? input.samples ?? defaults.samples ?? BUILT_IN.samples,
    thresholds: mergeThresholds(defaults.thresholds, input.thresholds),
    request: {
      method: request.method ?? BUILT_IN.method,
      ...parts,
      followRedirects: request.followRedirects ?? defaults.followRedirects ?? BUILT_IN.followRedirects,
      maxRedirects: request.maxRedirects ?? defaults.maxRedirects ?? BUILT_IN.maxRedirects,
      timeoutMs: overrides.timeoutMs ?? input.timeout ?? defaults.timeout ?? BUILT_IN.timeoutMs,
      maxBodySize: request.maxBodySize ?? defaults.maxBodySize ?? BUILT_IN.maxBodySize,
      insecure: request.insecure ?? defaults.insecure ?? BUILT_IN.insecure,
    },
    expect: input.expect ?? {},
    reuseConnections: input.reuseConnections ?? defaults.reuseConnections ?? BUILT_IN.reuseConnections,
  };
}

/** The request's interpolated strings: url, headers and body; null when a problem was reported. */
function resolveRequestParts(request: RequestInput, path: DataPath, defaults: ResolvedDefaults, ctx: LoadContext): Pick<RequestSpec, 'url' | 'headers' | 'body'> | null {
  const url = resolveUrl(request.url, [...path, 'url'], defaults.baseUrl, ctx);
  const headers = mergeHeaders(defaults.headers, request.headers, [...path, 'headers'], ctx);
  const body = resolveBody(request, path, ctx);
  if (url === null || headers === null || body === null) return null;
  return { url, headers, ...(body !== undefined && { body }) };
}

/**
 * Per key: the probe's limit wins over the default's, which wins over the built-in
 * `successRate: 100%`. A probe that sets only `p95` still fails when samples fail.
 */
export function mergeThresholds(defaults: Thresholds | undefined, probe: Thresholds | undefined): Thresholds {
  return { ...BUILT_IN.thresholds, ...defaults, ...probe };
}

function resolveUrl(template: string, path: DataPath, base: ResolvedDefaults['baseUrl'], ctx: LoadContext): string | null {
  const text = fill(ctx, template, path, WHERE);
  if (text === null) return null;
  if (base === 'invalid') return null; // already reported; a second message would only repeat it
  const url = resolveProbeUrl(text, base);
  if (url instanceof URL) return url.href;
  ctx.report(path, url.error);
  return null;
}

/** Defaults' headers, then the request's; names lowercased; a user-agent unless one is set. */
function mergeHeaders(defaults: Record<string, string>, own: Record<string, string> | undefined, path: DataPath, ctx: LoadContext): Record<string, string> | null {
  const filled = fillHeaders(ctx, own ?? {}, path, WHERE);
  if (filled === null) return null;
  const merged = new Map(Object.entries(defaults));
  for (const [name, value] of Object.entries(filled)) merged.set(name.toLowerCase(), value);
  if (!merged.has('user-agent')) merged.set('user-agent', USER_AGENT);
  return Object.fromEntries(merged);
}

/** The body with its strings interpolated: undefined for none, null when a problem was reported. */
function resolveBody(request: RequestInput, path: DataPath, ctx: LoadContext): RequestBody | undefined | null {
  if (request.body !== undefined) {
    const text = fill(ctx, request.body, [...path, 'body'], WHERE);
    return text && { type: 'raw', text: text.value };
  }
  if (request.json !== undefined) {
    let failed = false;
    const value = mapStrings(request.json, [...path, 'json'], (template, at) => {
      const text = fill(ctx, template, at, WHERE);
      failed ||= text === null;
      return text?.value ?? template;
    });
    return failed ? null : { type: 'json', value };
  }
  if (request.form !== undefined) {
    const fields = fillRecord(ctx, request.form, [...path, 'form'], WHERE);
    return fields && { type: 'form', fields };
  }
  return undefined;
}

/** A copy of a JSON value with `fn` applied to every string leaf (keys stay as written). */
function mapStrings(value: unknown, path: DataPath, fn: (text: string, path: DataPath) => string): unknown {
  if (typeof value === 'string') return fn(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, [...path, i], fn));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, [...path, key], fn)]));
  }
  return value;
}
