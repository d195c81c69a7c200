// A run's results as diagnose() reads them: one step, so every caller (a run, a merge of reports)
// diagnoses the same way.
import type { ControlOutcome, Diagnosis } from '../../model/diagnosis.js';
import { emptyEvidence } from '../../model/evidence.js';
import type { ProbeResult, RunResult } from '../../model/result.js';
import { diagnose } from './diagnose.js';
import type { ProbeFacts } from './types.js';

function factsOf(r: ProbeResult): ProbeFacts {
  return {
    probe: r.probe,
    passed: r.passed,
    samples: r.samples,
    failedSamples: r.failedSamples,
    flakySamples: r.flakySamples,
    failuresByClass: r.failuresByClass,
    latencyP50Ms: r.latencyMs?.p50 ?? null,
    failedThresholds: r.thresholds.filter((t) => !t.passed).map(({ name, limit, actual }) => ({ name, limit, actual })),
    evidence: r.evidence ?? emptyEvidence(),
  };
}

/** The diagnosis of a run's results; `controls` null when the file has none. */
export function diagnoseRun(result: Pick<RunResult, 'probes' | 'summary' | 'timingConfidence'>, controls: ControlOutcome[] | null): Diagnosis {
  return diagnose({
    probes: result.probes.map(factsOf),
    surfaces: result.summary.surfaces,
    controls,
    eventLoop: { p99Ms: result.timingConfidence.eventLoopDelayMs.p99, distorted: result.timingConfidence.distorted },
  });
}
