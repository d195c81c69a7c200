// What every probe has, whatever its kind: its id, surface, tags, samples, timeout, thresholds and
// retries. Declared once (probeBaseFields, spread into each kind's schema) and resolved once
// (resolveBase), so a new kind gets them, their defaults and their flags for free.
import { z } from 'zod';
import type { LoadContext } from '../config/context.js';
import { BUILT_IN, type ResolvedDefaults } from '../config/defaults.js';
import { choiceField, countField, durationField, field, textField } from '../config/fields.js';
import { reachFields } from '../config/reach.js';
import { retryFields, thresholdsSchema } from '../config/schema.js';
import type { RetryPolicy } from '../config/types.js';
import { SURFACES, type Surface } from '../model/surface.js';
import type { Thresholds } from '../model/thresholds.js';

const ID = /^[A-Za-z0-9._-]+$/;

/** The fields every kind's schema starts with (`z.strictObject({ ...probeBaseFields, kind, … })`). */
export const probeBaseFields = {
  id: field('an id of letters, digits, "-", "_" or "."', (v) => (typeof v === 'string' && ID.test(v) ? v : undefined)).meta({
    type: 'string',
    pattern: ID.source,
    description: 'Unique name: letters, digits, "-", "_" or ".". Reports show it and --only selects by it.',
  }),
  surface: choiceField(SURFACES).describe(
    'Which side of the product this checks: api (what an app calls) or web (what a browser loads). Reports keep the two apart.',
  ),
  tags: z.array(textField).optional().describe('Labels that --only selects by, like ids.'),
  samples: countField.optional().describe('Samples of this probe; overrides defaults.samples.'),
  timeout: durationField.optional().describe('Per-request timeout of this probe: 250ms, 5s, 1m, or a bare number of milliseconds.'),
  thresholds: thresholdsSchema.optional().describe('Pass/fail limits of this probe, key by key over defaults.thresholds.'),
  ...retryFields,
  // SPEC "Reaching real services": also allowed at a probe's top level (config/reach.ts).
  ...reachFields,
};

/** The base fields after validation, before defaults. */
export type ProbeBaseInput = z.output<z.ZodObject<typeof probeBaseFields>>;

/** What every resolved probe has; a kind's config extends it with `kind` and its own fields. */
export interface ProbeBase {
  id: string;
  surface: Surface;
  tags: string[];
  samples: number;
  thresholds: Thresholds;
  retry: RetryPolicy;
}

/** The base fields resolved: built-in defaults < file defaults < probe < flags. */
export function resolveBase(input: ProbeBaseInput, defaults: ResolvedDefaults, ctx: LoadContext): ProbeBase {
  return {
    id: input.id,
    surface: input.surface,
    tags: [...new Set(input.tags ?? [])],
    samples: ctx.overrides.samples ?? input.samples ?? defaults.samples ?? BUILT_IN.samples,
    thresholds: mergeThresholds(defaults.thresholds, input.thresholds),
    retry: resolveRetry(input, defaults),
  };
}

/** The per-request timeout: `--timeout`, else the probe's, else the file's default, else 10 s. */
export function resolveTimeout(input: Pick<ProbeBaseInput, 'timeout'> | null, defaults: ResolvedDefaults | null, ctx: LoadContext): number {
  return ctx.overrides.timeoutMs ?? input?.timeout ?? defaults?.timeout ?? BUILT_IN.timeoutMs;
}

/**
 * Per key: the probe's limit wins over the default's, which wins over the built-in
 * `successRate: 100%`. A probe that sets only `p95` still fails when samples fail.
 */
export function mergeThresholds(defaults: Thresholds | undefined, probe: Thresholds | undefined): Thresholds {
  return { ...BUILT_IN.thresholds, ...defaults, ...probe };
}

/** The probe's retry policy: its own, else the file's defaults, else none. */
function resolveRetry(probe: Pick<ProbeBaseInput, 'retries' | 'retryDelay'>, defaults: ResolvedDefaults): RetryPolicy {
  return {
    retries: probe.retries ?? defaults.retries ?? BUILT_IN.retries,
    delayMs: probe.retryDelay ?? defaults.retryDelay ?? BUILT_IN.retryDelayMs,
  };
}
