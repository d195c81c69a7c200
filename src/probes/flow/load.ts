// Builds a FlowProbe: steps in order, each request inheriting the probe's defaults like an http
// probe's does. `${name}` references to captures stay in the strings for run time; a reference
// that no earlier step captures is a config error at the string that makes it.
import type { LoadContext } from '../../config/context.js';
import { BUILT_IN, type ResolvedDefaults } from '../../config/defaults.js';
import { parseWith } from '../../config/issues.js';
import type { DataPath } from '../../config/positions.js';
import { inheritFromDefaults, resolveRequest, type InheritedRequest } from '../../config/request.js';
import { requestSchema } from '../../config/schema.js';
import { resolveBase, resolveTimeout } from '../base.js';
import { captureNamesOf, checkCaptureNames } from './capture-schema.js';
import { flowProbeSchema, stepSchema, type FlowProbe, type FlowStep } from './schema.js';

/** Validates and resolves one flow probe; null when anything in it was reported. */
export function loadFlowProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): FlowProbe | null {
  const input = parseWith(flowProbeSchema, raw, path, ctx.report);
  const rawSteps = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).steps : undefined;
  const timeoutMs = resolveTimeout(input, defaults, ctx);
  const inherited = defaults && inheritFromDefaults(defaults, timeoutMs, input ? { input, path } : undefined);
  const steps = loadSteps(Array.isArray(rawSteps) ? rawSteps : [], [...path, 'steps'], inherited, ctx);
  if (input === null || defaults === null || steps === null) return null;
  return {
    ...resolveBase(input, defaults, ctx),
    kind: 'flow',
    steps,
    reuseConnections: input.reuseConnections ?? defaults.reuseConnections ?? BUILT_IN.reuseConnections,
  };
}

/**
 * Checks every step, tracking the capture names defined so far: a step may read what an earlier
 * step captures, never its own or a later one's. `inherited` is null when the defaults were
 * invalid: steps are then only checked, not resolved.
 */
function loadSteps(rawSteps: unknown[], path: DataPath, inherited: InheritedRequest | null, ctx: LoadContext): FlowStep[] | null {
  const captured = new Set<string>();
  const firstIndex = new Map<string, number>();
  const steps = rawSteps.map((raw, index): FlowStep | null => {
    const at = [...path, index];
    const input = parseWith(stepSchema, raw, at, ctx.report);
    const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    if (typeof fields.id === 'string') {
      const earlier = firstIndex.get(fields.id);
      if (earlier === undefined) firstIndex.set(fields.id, index);
      else ctx.report([...at, 'id'], `duplicate step id ${JSON.stringify(fields.id)} (already used by steps[${earlier}])`);
    }
    checkCaptureNames(raw, at, ctx.report);
    let step: FlowStep | null = null;
    const requestInput = input?.request ?? requestSchema.safeParse(fields.request).data;
    if (inherited && requestInput) {
      const timeoutMs = ctx.overrides.timeoutMs ?? input?.timeout ?? inherited.timeoutMs;
      const request = resolveRequest(requestInput, [...at, 'request'], { ...inherited, timeoutMs }, ctx, { captures: captured });
      if (input && request) step = { id: input.id, request, expect: input.expect ?? {}, captures: input.capture ?? [] };
    }
    for (const name of captureNamesOf(raw)) captured.add(name);
    return step;
  });
  const resolved = steps.filter((step): step is FlowStep => step !== null);
  return resolved.length === steps.length && resolved.length > 0 ? resolved : null;
}
