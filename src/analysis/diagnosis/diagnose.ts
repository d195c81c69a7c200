// diagnose(): one pure function from a run's results to SPEC's `diagnosis` block: per surface a
// state, the layer its failures point to and the evidence; what that is consistent with; a headline.
import { SURFACES, type Surface } from '../../model/surface.js';
import { findingsOf, type Finding } from './findings.js';
import { proberDiagnosis } from './prober.js';
import { LAYER_RULES, layerOf } from './rules.js';
import { groupKey, sentence } from './sentences.js';
import { LAYERS, type Diagnosis, type DiagnosisInput, type Layer, type ProbeFacts, type ProberDiagnosis, type SurfaceDiagnosis, type SurfaceState } from './types.js';
import { CONSISTENT_WITH, type ConsistentWithKey } from './vocabulary.js';

/** SPEC: a surface with this share of failed samples or more is down. */
export const DOWN_FAILURE_RATE = 0.5;

/** How the headline says where a surface's failures point. */
export const LAYER_PHRASES: Record<Layer, string> = {
  dns: 'in DNS',
  network: 'in the network',
  tls: 'at TLS',
  edge: 'at the edge',
  origin: 'at the origin',
  auth: 'at sign-in',
  content: 'in its content',
  latency: 'by slowness',
};

/** Layers below the HTTP answer: when none failed, the connects were clean. */
const TRANSPORT_LAYERS: readonly Layer[] = ['dns', 'network', 'tls'];

interface SurfaceAnalysis {
  diagnosis: SurfaceDiagnosis;
  /** The dominant layer's findings, largest first. */
  dominant: Finding[];
  cleanConnects: boolean;
}

function stateOf(input: DiagnosisInput, surface: Surface): SurfaceState {
  const summary = input.surfaces[surface];
  if (summary.probes === 0) return 'unprobed';
  if (summary.failureRate >= DOWN_FAILURE_RATE) return 'down';
  return input.probes.some((p) => p.probe.surface === surface && !p.passed) ? 'degraded' : 'up';
}

function total(findings: Finding[]): number {
  return findings.reduce((n, f) => n + f.count, 0);
}

/** The layer with the most failed samples; ties go to the lower layer, which the upper ones sit on. */
function dominantLayer(byLayer: Map<Layer, Finding[]>): Layer | null {
  let best: Layer | null = null;
  for (const layer of LAYERS) {
    const findings = byLayer.get(layer);
    if (!findings) continue;
    if (best === null || total(findings) > total(byLayer.get(best) ?? [])) best = layer;
  }
  return best;
}

function sentencesFor(findings: Finding[], samples: number, cleanConnects: boolean): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = groupKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()]
    .map((group) => group.sort((x, y) => y.count - x.count))
    .sort((x, y) => total(y) - total(x))
    .map((group) => sentence(group, samples, cleanConnects));
}

function analyseSurface(input: DiagnosisInput, surface: Surface): SurfaceAnalysis {
  const summary = input.surfaces[surface];
  const state = stateOf(input, surface);
  const probes = input.probes.filter((p) => p.probe.surface === surface);
  // Counted once: asking every probe about every other was quadratic (16,000 probes, 256M checks).
  const failingCount = probes.filter((p) => !p.passed).length;
  const othersPassed = (p: ProbeFacts) => probes.length > 1 && failingCount === (p.passed ? 0 : 1);
  const findings = probes.flatMap((p) => findingsOf(p, othersPassed(p)));
  const byLayer = new Map<Layer, Finding[]>();
  for (const f of findings) {
    const layer = layerOf(f.kind);
    const list = byLayer.get(layer);
    if (list) list.push(f);
    else byLayer.set(layer, [f]);
  }
  const cleanConnects = !TRANSPORT_LAYERS.some((layer) => byLayer.has(layer));

  const failing = state === 'down' || state === 'degraded';
  const layer = failing ? (dominantLayer(byLayer) ?? 'content') : null;
  const evidence: string[] = [];
  if (failing && layer !== null) {
    evidence.push(...sentencesFor(byLayer.get(layer) ?? [], summary.samples, cleanConnects));
    for (const other of LAYERS) {
      if (other === layer || !byLayer.has(other)) continue;
      for (const text of sentencesFor(byLayer.get(other) ?? [], summary.samples, cleanConnects)) evidence.push(`also ${other}: ${text}`);
    }
    if (byLayer.size === 0) evidence.push(`${probes.filter((p) => !p.passed).map((p) => p.probe.id).join(', ')} failed without a failed sample`);
  } else if (state === 'up' && summary.failedSamples > 0) {
    evidence.push(`${summary.failedSamples} of ${summary.samples} samples failed, within every probe's thresholds`);
  }
  const flaky = probes.reduce((n, p) => n + p.flakySamples, 0);
  if (flaky > 0) evidence.push(`${flaky} of ${summary.samples} samples passed only on a retry`);

  const dominant = layer === null ? [] : [...(byLayer.get(layer) ?? [])].sort((x, y) => y.count - x.count);
  return { diagnosis: { state, layer, failureRate: summary.failureRate, evidence }, dominant, cleanConnects };
}

/**
 * Some addresses only failed while others only answered. One address that failed and answered in
 * turn (a restart), or a service down at all its addresses after answering earlier, is not "some".
 */
function someAddressesOnly(addresses: Finding['addresses']): boolean {
  if (!addresses) return false;
  const { answered, failed } = addresses;
  return failed.some((a) => !answered.includes(a)) && answered.some((a) => !failed.includes(a));
}

/** The vocabulary entries a surface's dominant findings support, most samples first. */
function explanations(analysis: SurfaceAnalysis): ConsistentWithKey[] {
  const keys: ConsistentWithKey[] = [];
  for (const f of analysis.dominant) {
    let key: ConsistentWithKey = LAYER_RULES[f.kind].consistentWith;
    const network = f.kind === 'connect-refused' || f.kind === 'connect-unanswered' || f.kind === 'reset-before-response';
    if (network && someAddressesOnly(f.addresses)) key = 'someAddresses';
    // "Behind a working network" only when no connect, name or handshake failed.
    if (f.kind === 'origin-5xx' && !analysis.cleanConnects) continue;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

function consistentWith(prober: ProberDiagnosis, analyses: SurfaceAnalysis[], anyFailed: boolean): string[] {
  if (!anyFailed) return [];
  if (prober.healthy === false) return [CONSISTENT_WITH.proberNetwork];
  const failing = analyses.filter((a) => a.diagnosis.layer !== null).sort((x, y) => Number(y.diagnosis.state === 'down') - Number(x.diagnosis.state === 'down'));
  const keys: ConsistentWithKey[] = [];
  if (failing.length === SURFACES.length && new Set(failing.map((a) => a.diagnosis.layer)).size === 1) keys.push('sharedFault');
  for (const analysis of failing) for (const key of explanations(analysis)) if (!keys.includes(key)) keys.push(key);
  return keys.map((key) => CONSISTENT_WITH[key]);
}

/** The prober's part of the headline; none without controls (nothing was checked). */
function proberPhrase(prober: ProberDiagnosis, anyFailed: boolean): string | null {
  const counts = prober.controls ? `${prober.controls.passed}/${prober.controls.total} controls` : '';
  if (prober.healthy === null) return null;
  if (prober.healthy) return 'prober healthy';
  return anyFailed ? `the prober's own network failed (${counts}): failures not blamed on the service` : `prober unhealthy (${counts})`;
}

function headline(surfaces: Record<Surface, SurfaceDiagnosis>, prober: ProberDiagnosis, anyFailed: boolean): string {
  const parts = SURFACES.filter((s) => surfaces[s].state !== 'unprobed').map((s) => {
    const { state, layer } = surfaces[s];
    return layer === null ? `${s} ${state}` : `${s} ${state} ${LAYER_PHRASES[layer]}`;
  });
  const proberPart = proberPhrase(prober, anyFailed);
  return [...parts, ...(proberPart === null ? [] : [proberPart])].join(' · ');
}

/** SPEC's diagnosis of a run. Pure: the same input always gives the same diagnosis. */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const prober = proberDiagnosis(input.controls, input.eventLoop);
  const analyses = SURFACES.map((surface) => analyseSurface(input, surface));
  const surfaces = Object.fromEntries(SURFACES.map((s, i) => [s, analyses[i]!.diagnosis])) as Record<Surface, SurfaceDiagnosis>;
  const anyFailed = input.probes.some((p) => !p.passed);
  return { prober, surfaces, consistentWith: consistentWith(prober, analyses, anyFailed), headline: headline(surfaces, prober, anyFailed) };
}
