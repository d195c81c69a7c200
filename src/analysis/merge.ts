// `upprobe merge`: run reports from several vantage points into one verdict. A pure function of
// the reports: which vantages count, which surfaces fail where, whether that meets the quorum
// (global) or not (regional), and the probes' latencies merged exactly from their histograms.
import { SURFACES, type Surface } from '../model/surface.js';
import type { LatencySummary } from '../model/latency.js';
import { MergedLatency } from './merged-latency.js';
import type { ProbeInput, RunReportInput } from './merge-input.js';

/** How many healthy vantages must see a surface failing for the merged verdict to say so. */
export type Quorum = 'majority' | 'any' | 'all' | number;

/** One vantage's newest report, and the file it came from. */
export interface VantageRun {
  name: string;
  file: string;
  report: RunReportInput;
}

export interface MergedVantage {
  name: string;
  startedAt: string;
  exitCode: number;
  /** False when the vantage's own prober was unhealthy (its controls failed): left out of the quorum. */
  healthy: boolean;
  file: string;
}

/**
 * `failing`: some healthy vantage sees the surface failing (scope says whether that meets the
 * quorum); `unknown`: no healthy vantage probed it; `unprobed`: no vantage did.
 */
export type MergedState = 'up' | 'failing' | 'unknown' | 'unprobed';
export type Scope = 'global' | 'regional';

export interface MergedSurface {
  state: MergedState;
  /** `global` when the failing share of healthy vantages meets the quorum, `regional` below it. */
  scope: Scope | null;
  /** The layer most failing vantages' own diagnosis named, when they had one. */
  layer: string | null;
  failingVantages: string[];
  /** Healthy vantages that probed this surface: the quorum's denominator. */
  healthyVantages: number;
  impairedVantages: string[];
}

export interface VantageProbe {
  passed: boolean;
  samples: number;
  failedSamples: number;
  successRate: number | null;
  latencyMs: Pick<LatencySummary, 'p50' | 'p95' | 'max'> | null;
  /** Present (true) when this vantage was impaired and left out of the merged numbers. */
  impaired?: true;
}

export interface MergedProbe {
  id: string;
  surface: Surface;
  samples: number;
  failedSamples: number;
  /** Merged over healthy vantages from their histograms; null when one of them had no histogram. */
  latencyMs: LatencySummary | null;
  latencyHistogram: string | null;
  byVantage: Record<string, VantageProbe>;
}

export interface MergedReport {
  schemaVersion: 1;
  kind: 'merge';
  tool: { name: string; version: string };
  mergedAt: string;
  quorum: string;
  exitCode: number;
  vantages: MergedVantage[];
  surfaces: Record<Surface, MergedSurface>;
  probes: MergedProbe[];
  diagnosis: {
    surfaces: Record<Surface, { state: MergedState; scope: Scope | null; layer: string | null; evidence: string[] }>;
    headline: string;
  };
}

/** Exit codes of `merge` (SPEC): the quorum's verdict, or no healthy vantage at all. */
export const MergeExit = { Up: 0, Failing: 1, NoHealthyVantage: 4 } as const;

/** Parses `--quorum`: majority, any, all, or a whole number of vantages ≥ 1; undefined otherwise. */
export function parseQuorum(text: string): Quorum | undefined {
  if (text === 'majority' || text === 'any' || text === 'all') return text;
  return /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
}

/** Whether `failing` of `healthy` vantages meets the quorum. */
export function meetsQuorum(quorum: Quorum, failing: number, healthy: number): boolean {
  if (failing === 0 || healthy === 0) return false;
  if (quorum === 'majority') return failing * 2 > healthy;
  if (quorum === 'any') return true;
  if (quorum === 'all') return failing === healthy;
  return failing >= quorum;
}

/** A vantage counts unless its own prober said it was unhealthy (no controls = healthy). */
function isHealthy(report: RunReportInput): boolean {
  return report.diagnosis?.prober?.healthy !== false;
}

export function mergeReports(runs: VantageRun[], quorum: Quorum, tool: MergedReport['tool'], mergedAt: Date): MergedReport {
  const ordered = [...runs].sort((a, b) => a.name.localeCompare(b.name));
  const vantages: MergedVantage[] = ordered.map(({ name, file, report }) => ({
    name,
    startedAt: report.startedAt,
    exitCode: report.exitCode,
    healthy: isHealthy(report),
    file,
  }));
  const healthyCount = vantages.filter((v) => v.healthy).length;
  const surfaces = Object.fromEntries(SURFACES.map((s) => [s, mergeSurface(s, ordered, quorum)])) as Record<Surface, MergedSurface>;
  const exitCode =
    healthyCount === 0 ? MergeExit.NoHealthyVantage : SURFACES.some((s) => surfaces[s].scope === 'global') ? MergeExit.Failing : MergeExit.Up;
  return {
    schemaVersion: 1,
    kind: 'merge',
    tool,
    mergedAt: mergedAt.toISOString(),
    quorum: String(quorum),
    exitCode,
    vantages,
    surfaces,
    probes: mergeProbes(ordered),
    diagnosis: {
      surfaces: Object.fromEntries(
        SURFACES.map((s) => [s, { state: surfaces[s].state, scope: surfaces[s].scope, layer: surfaces[s].layer, evidence: surfaceEvidence(s, surfaces[s], ordered) }]),
      ) as MergedReport['diagnosis']['surfaces'],
      headline: headline(surfaces, vantages),
    },
  };
}

function mergeSurface(surface: Surface, runs: VantageRun[], quorum: Quorum): MergedSurface {
  const probing = runs.filter(({ report }) => report.probes.some((p) => p.surface === surface));
  const impairedVantages = probing.filter(({ report }) => !isHealthy(report)).map((r) => r.name);
  const healthy = probing.filter(({ report }) => isHealthy(report));
  const failing = healthy.filter(({ report }) => report.probes.some((p) => p.surface === surface && !p.passed));
  const failingVantages = failing.map((r) => r.name);
  const base = { failingVantages, healthyVantages: healthy.length, impairedVantages };
  if (probing.length === 0) return { state: 'unprobed', scope: null, layer: null, ...base };
  if (healthy.length === 0) return { state: 'unknown', scope: null, layer: null, ...base };
  if (failing.length === 0) return { state: 'up', scope: null, layer: null, ...base };
  const scope: Scope = meetsQuorum(quorum, failing.length, healthy.length) ? 'global' : 'regional';
  return { state: 'failing', scope, layer: commonestLayer(surface, failing), ...base };
}

/** The layer most failing vantages named for the surface (first named wins a tie); null when none did. */
function commonestLayer(surface: Surface, failing: VantageRun[]): string | null {
  const counts = new Map<string, number>();
  for (const { report } of failing) {
    const layer = report.diagnosis?.surfaces?.[surface]?.layer;
    if (layer) counts.set(layer, (counts.get(layer) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [layer, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = layer;
  return best;
}

function mergeProbes(runs: VantageRun[]): MergedProbe[] {
  const byId = new Map<string, { surface: Surface; entries: { run: VantageRun; probe: ProbeInput }[] }>();
  for (const run of runs) {
    for (const probe of run.report.probes) {
      const group = byId.get(probe.id) ?? { surface: probe.surface, entries: [] };
      group.entries.push({ run, probe });
      byId.set(probe.id, group);
    }
  }
  return [...byId].map(([id, { surface, entries }]) => {
    const counted = entries.filter(({ run }) => isHealthy(run.report));
    const latency = new MergedLatency();
    let exact = true;
    for (const { probe } of counted) {
      if (probe.latencyMs === null) continue;
      if (!probe.latencyHistogram) exact = false;
      else latency.add(probe.latencyHistogram, probe.latencyMs);
    }
    const byVantage: Record<string, VantageProbe> = {};
    for (const { run, probe } of entries) {
      byVantage[run.name] = {
        passed: probe.passed,
        samples: probe.samples,
        failedSamples: probe.failedSamples,
        successRate: probe.successRate,
        latencyMs: probe.latencyMs && { p50: probe.latencyMs.p50, p95: probe.latencyMs.p95, max: probe.latencyMs.max },
        ...(isHealthy(run.report) ? {} : { impaired: true as const }),
      };
    }
    return {
      id,
      surface,
      samples: counted.reduce((n, { probe }) => n + probe.samples, 0),
      failedSamples: counted.reduce((n, { probe }) => n + probe.failedSamples, 0),
      latencyMs: exact ? latency.summary() : null,
      latencyHistogram: exact ? latency.encoded() : null,
      byVantage,
    };
  });
}

/** `api failing from 2 of 3 vantages: fra1 iad1` — the agreement line of one surface. */
export function agreementLine(surface: Surface, s: MergedSurface): string {
  const impaired = s.impairedVantages.length > 0 ? ` (${s.impairedVantages.length} impaired, left out: ${s.impairedVantages.join(' ')})` : '';
  switch (s.state) {
    case 'unprobed':
      return `${surface} not probed from any vantage`;
    case 'unknown':
      return `${surface} unknown: no healthy vantage probed it${impaired}`;
    case 'up':
      return `${surface} passing at ${s.healthyVantages} of ${s.healthyVantages} vantages${impaired}`;
    case 'failing':
      return `${surface} failing from ${s.failingVantages.length} of ${s.healthyVantages} vantages: ${s.failingVantages.join(' ')}${impaired}`;
  }
}

function surfaceEvidence(surface: Surface, s: MergedSurface, runs: VantageRun[]): string[] {
  if (s.state !== 'failing') return [];
  const evidence = [agreementLine(surface, s)];
  for (const { name, report } of runs) {
    if (!s.failingVantages.includes(name)) continue;
    const failed = report.probes.filter((p) => p.surface === surface && !p.passed).map((p) => p.id);
    const layer = report.diagnosis?.surfaces?.[surface]?.layer;
    evidence.push(`${name}: ${failed.join(', ')} failing${layer ? ` (${layer})` : ''}`);
  }
  return evidence;
}

function headline(surfaces: Record<Surface, MergedSurface>, vantages: MergedVantage[]): string {
  const impaired = vantages.filter((v) => !v.healthy).map((v) => v.name);
  if (vantages.length > 0 && impaired.length === vantages.length) {
    return `no healthy vantage (${impaired.join(' ')} impaired): failures not blamed on the service`;
  }
  const parts = SURFACES.filter((s) => surfaces[s].state !== 'unprobed').map((name) => {
    const s = surfaces[name];
    if (s.state !== 'failing') return `${name} ${s.state}`;
    const at = s.layer ? `, at the ${s.layer}` : '';
    return `${name} failing from ${s.failingVantages.length} of ${s.healthyVantages} vantages (${s.failingVantages.join(' ')}): ${s.scope}${at}`;
  });
  if (impaired.length > 0) parts.push(`${impaired.length} vantage${impaired.length === 1 ? '' : 's'} impaired (${impaired.join(' ')})`);
  return parts.join(' · ');
}
