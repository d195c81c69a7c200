// Builds an HttpProbe from its checked input: built-in defaults < file defaults < probe < flags,
// with every request string interpolated and the URL resolved against the base.
import type { LoadContext } from '../../config/context.js';
import { BUILT_IN, type ResolvedDefaults } from '../../config/defaults.js';
import { parseWith } from '../../config/issues.js';
import type { DataPath } from '../../config/positions.js';
import { inheritFromDefaults, resolveRequest } from '../../config/request.js';
import { requestSchema } from '../../config/schema.js';
import { resolveBase, resolveTimeout } from '../base.js';
import { httpProbeSchema, type HttpProbe, type HttpProbeInput } from './schema.js';

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
function resolveHttpProbe(input: HttpProbeInput, path: DataPath, defaults: ResolvedDefaults, ctx: LoadContext): HttpProbe | null {
  const timeoutMs = resolveTimeout(input, defaults, ctx);
  const request = resolveRequest(input.request, [...path, 'request'], inheritFromDefaults(defaults, timeoutMs, { input, path }), ctx, WHERE);
  if (request === null) return null;
  return {
    ...resolveBase(input, defaults, ctx),
    kind: 'http',
    request,
    expect: input.expect ?? {},
    reuseConnections: input.reuseConnections ?? defaults.reuseConnections ?? BUILT_IN.reuseConnections,
  };
}
