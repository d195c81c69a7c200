// What a probe kind is to the rest of upprobe: a loader (probes.yaml → its resolved config) and a
// runner (config → sample tasks). Each kind's folder exports one such object from its index.ts,
// and probes/registry.ts lists them: adding a kind is its folder and one registry line.
import type { z } from 'zod';
import type { LoadContext } from '../config/context.js';
import type { ResolvedDefaults } from '../config/defaults.js';
import type { DataPath } from '../config/positions.js';
import type { ProbeBase } from './base.js';
import type { ProbeRunner } from './runner.js';

/** Validates one raw probe of its kind and resolves it; null when a problem was reported. `defaults` is null when they were invalid. */
export type ProbeLoader<P> = (raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext) => P | null;

/** One probe kind: `P` is its resolved config, whose `kind` is the name it has in probes.yaml. */
export interface ProbeKind<P extends ProbeBase & { kind: string }> {
  load: ProbeLoader<P>;
  /**
   * The probe as written in probes.yaml, whole (a flow with its steps): the JSON Schema that
   * editors check files with is generated from it (schema/probes-schema.ts).
   */
  schema: z.ZodType;
  /**
   * The runner, imported when a run has a probe of this kind (a dynamic `import()`): a flow's
   * cookie jar and a links probe's HTML parser are ~400 kB that a run of plain http probes would
   * otherwise compile at every start (bench/README.md).
   */
  runner(): Promise<ProbeRunner<P>>;
}
