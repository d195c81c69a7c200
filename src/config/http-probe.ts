// Builds an HttpProbe from its checked input: built-in defaults < file defaults < probe < flags,
// with every request string interpolated and the URL resolved against the base.
import type { HttpProbe, Thresholds } from './types.js';
import type { LoadContext } from './context.js';
import { BUILT_IN, type ResolvedDefaults } from './defaults.js';
import { parseWith } from './issues.js';
import { resolveRetry } from './retry.js';
import type { DataPath } from './positions.js';
import { inheritFromDefaults, resolveRequest } from './request.js';
import { httpProbeSchema, requestSchema, type HttpProbeInput } from './schema.js';

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
  if (request.success) resolveRequest(request.data, [...path, 'request'], inheritFromDefaults(defaults, 0), ctx, WHERE);
  return null;
}

/** The resolved probe, or null when a problem was reported (unset variable, bad URL). */
export function resolveHttpProbe(input: HttpProbeInput, path: DataPath, defaults: ResolvedDefaults, ctx: LoadContext): HttpProbe | null {
  const { overrides } = ctx;
  const timeoutMs = overrides.timeoutMs ?? input.timeout ?? defaults.timeout ?? BUILT_IN.timeoutMs;
  const request = resolveRequest(input.request, [...path, 'request'], inheritFromDefaults(defaults, timeoutMs, { input, path }), ctx, WHERE);
  if (request === null) return null;
  return {
    id: input.id,
    kind: 'http',
    surface: input.surface,
    tags: [...new Set(input.tags ?? [])],
    samples: overrides.samples ?? input.samples ?? defaults.samples ?? BUILT_IN.samples,
    thresholds: mergeThresholds(defaults.thresholds, input.thresholds),
    retry: resolveRetry(input, defaults),
    request,
    expect: input.expect ?? {},
    reuseConnections: input.reuseConnections ?? defaults.reuseConnections ?? BUILT_IN.reuseConnections,
  };
}

/**
 * Per key: the probe's limit wins over the default's, which wins over the built-in
 * `successRate: 100%`. A probe that sets only `p95` still fails when samples fail.
 */
export function mergeThresholds(defaults: Thresholds | undefined, probe: Thresholds | undefined): Thresholds {
  return { ...BUILT_IN.thresholds, ...defaults, ...probe };
}
