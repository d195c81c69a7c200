// What a flow adds to samples and results: its steps. (The flow kind itself is src/probes/flow/.)
import type { ClassCounts } from './counts.js';
import type { SampleFailure } from './failure.js';
import type { LatencySummary } from './latency.js';

/** One step of a flow sample. */
export interface StepOutcome {
  id: string;
  latencyMs: number | null;
  failure: SampleFailure | null;
  /** Not run because an earlier step of the same sample failed. */
  skipped: boolean;
}

/** One step across all samples of a flow. */
export interface StepResult {
  id: string;
  latencyMs: LatencySummary | null;
  failuresByClass: ClassCounts;
  skipped: number;
}

/** A flow probe's own part of its result: per-step figures. */
export interface FlowData {
  kind: 'flow';
  steps: StepResult[];
}
