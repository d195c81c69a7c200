// One entry per probe kind. Adding a kind is its loader (schema + resolver) in a file of its own
// plus one line here, and its runner in probes/registry.ts.
import type { ProbeConfig, ProbeKind } from './types.js';
import type { LoadContext } from './context.js';
import type { ResolvedDefaults } from './defaults.js';
import type { DataPath } from './positions.js';
import { loadFlowProbe } from './flow-probe.js';
import { loadHttpProbe } from './http-probe.js';
import { loadLinksProbe } from './links-probe.js';

/** Validates one raw probe of its kind and resolves it; `defaults` is null when they were invalid. */
export type ProbeLoader = (raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext) => ProbeConfig | null;

/** Every kind SPEC names, each with its loader. */
export const PROBE_KINDS = {
  http: loadHttpProbe,
  flow: loadFlowProbe,
  links: loadLinksProbe,
} satisfies Record<ProbeKind, ProbeLoader | null>;

const KIND_NAMES = Object.keys(PROBE_KINDS);

/** Loads `probes[i]`: picks the kind's loader (a probe without `kind` is http) and runs it. */
export function loadProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): ProbeConfig | null {
  const kind = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? ((raw as Record<string, unknown>).kind ?? 'http') : 'http';
  const loader = Object.entries(PROBE_KINDS).find(([name]) => name === kind)?.[1];
  if (loader === undefined) {
    ctx.report([...path, 'kind'], `unknown kind ${JSON.stringify(kind)}: expected one of ${KIND_NAMES.join(', ')}`);
    return null;
  }
  if (loader === null) {
    ctx.report([...path, 'kind'], `kind ${JSON.stringify(kind)} is not supported yet`);
    return null;
  }
  return loader(raw, path, defaults, ctx);
}
