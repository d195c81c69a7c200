// Builds diagnosis inputs the way a run would: probe facts with evidence, and surface numbers
// computed exactly as summary.surfaces computes them.
import { SURFACES, type Surface } from '../../src/model/surface.js';
import { emptyEvidence, type ControlOutcome, type DiagnosisInput, type ProbeEvidence, type ProbeFacts, type StatusEvidence } from '../../src/analysis/diagnosis/index.js';
import type { FailureClass } from '../../src/model/failure.js';

type Classes = Partial<Record<FailureClass, number>>;

export interface ProbeSketch {
  id: string;
  surface: Surface;
  kind?: string;
  samples: number;
  classes?: Classes;
  /** Default: passes when no sample failed. */
  passed?: boolean;
  flaky?: number;
  p50?: number;
  evidence?: Partial<ProbeEvidence>;
  failedThresholds?: ProbeFacts['failedThresholds'];
}

function sum(classes: Classes): number {
  return Object.values(classes).reduce((a, b) => a + (b ?? 0), 0);
}

export function probe(sketch: ProbeSketch): ProbeFacts {
  const classes = sketch.classes ?? {};
  const failedSamples = Math.min(sketch.samples, sum(classes));
  return {
    probe: { id: sketch.id, kind: sketch.kind ?? 'http', surface: sketch.surface, tags: [] },
    passed: sketch.passed ?? failedSamples === 0,
    samples: sketch.samples,
    failedSamples,
    flakySamples: sketch.flaky ?? 0,
    failuresByClass: classes,
    latencyP50Ms: sketch.p50 ?? 3,
    failedThresholds: sketch.failedThresholds ?? (failedSamples > 0 ? [{ name: 'successRate', limit: 1, actual: 1 - failedSamples / sketch.samples }] : []),
    evidence: { ...emptyEvidence(), ...sketch.evidence },
  };
}

export function status(cls: FailureClass, code: number, text: string, count: number, edgeHeaders: Record<string, string> = {}, p50Ms = 3): StatusEvidence {
  return { class: cls, status: code, statusText: text, count, p50Ms, edgeHeaders };
}

export function input(probes: ProbeFacts[], controls: ControlOutcome[] | null = null, eventLoop: DiagnosisInput['eventLoop'] = null): DiagnosisInput {
  const surfaces = Object.fromEntries(
    SURFACES.map((surface) => {
      const mine = probes.filter((p) => p.probe.surface === surface);
      const samples = mine.reduce((n, p) => n + p.samples, 0);
      const failedSamples = mine.reduce((n, p) => n + p.failedSamples, 0);
      return [surface, { probes: mine.length, samples, failedSamples, failureRate: samples === 0 ? 0 : failedSamples / samples }];
    }),
  ) as DiagnosisInput['surfaces'];
  return { probes, surfaces, controls, eventLoop };
}

export function controls(...passed: boolean[]): ControlOutcome[] {
  return passed.map((ok, i) => ({ url: `http://127.0.0.1:${9000 + i}/`, passed: ok, failureClass: ok ? null : 'connect' }));
}

/** Three healthy web probes, so tests about the api have a working web beside them. */
export function healthyWeb(): ProbeFacts[] {
  return [probe({ id: 'web-home', surface: 'web', samples: 10 }), probe({ id: 'web-explore', surface: 'web', samples: 10 })];
}

export const EDGE = { server: 'upprobe-edge', 'x-upprobe-pop': 'LO1', via: '1.1 upprobe-edge' } as const;
