// Builds a FlowProbe: steps in order, each request inheriting the probe's defaults like an http
// probe's does. `${name}` references to captures stay in the strings for run time; a reference
// that no earlier step captures is a config error at the string that makes it.
import { z } from 'zod';
import type { FlowProbe, FlowStep } from './types.js';
import { capturesField, captureNamesOf, checkCaptureNames } from './captures.js';
import type { LoadContext } from './context.js';
import { BUILT_IN, type ResolvedDefaults } from './defaults.js';
import { booleanField, durationField } from './fields.js';
import { mergeThresholds } from './http-probe.js';
import { parseWith } from './issues.js';
import { resolveRetry } from './retry.js';
import type { DataPath } from './positions.js';
import { inheritFromDefaults, resolveRequest, type InheritedRequest } from './request.js';
import { expectSchema, probeBaseFields, requestSchema } from './schema.js';

/** One step: a request, what its response must look like, and what to capture from it. */
const stepSchema = z.strictObject({
  id: probeBaseFields.id,
  request: requestSchema,
  expect: expectSchema.optional(),
  capture: capturesField.optional(),
  /** Overrides the probe's per-request timeout for this step. */
  timeout: durationField.optional(),
});

/** A flow probe; its steps are checked one by one (below) so one bad step hides nothing. */
const flowProbeSchema = z.strictObject({
  ...probeBaseFields,
  kind: z.literal('flow'),
  steps: z.array(z.unknown()).min(1, 'expected at least one step'),
  reuseConnections: booleanField.optional(),
});

/** Validates and resolves one flow probe; null when anything in it was reported. */
export function loadFlowProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): FlowProbe | null {
  const input = parseWith(flowProbeSchema, raw, path, ctx.report);
  const rawSteps = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).steps : undefined;
  const timeoutMs = ctx.overrides.timeoutMs ?? input?.timeout ?? defaults?.timeout ?? BUILT_IN.timeoutMs;
  const inherited = defaults && inheritFromDefaults(defaults, timeoutMs, input ? { input, path } : undefined);
  const steps = loadSteps(Array.isArray(rawSteps) ? rawSteps : [], [...path, 'steps'], inherited, ctx);
  if (input === null || defaults === null || steps === null) return null;
  return {
    id: input.id,
    kind: 'flow',
    surface: input.surface,
    tags: [...new Set(input.tags ?? [])],
    samples: ctx.overrides.samples ?? input.samples ?? defaults.samples ?? BUILT_IN.samples,
    thresholds: mergeThresholds(defaults.thresholds, input.thresholds),
    retry: resolveRetry(input, defaults),
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
