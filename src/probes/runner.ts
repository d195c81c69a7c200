// The interface every probe kind implements. A kind turns its config into sample tasks; the
// scheduler (run/schedule.ts) decides when they run, so concurrency lives in one place.
import type { LookupFunction } from 'node:net';
import type { ProbeConfig } from '../config/types.js';
import type { SampleOutcome } from '../model/sample.js';
import type { Redact } from '../report/redact.js';

/** What every sample of a run shares. */
export interface RunContext {
  /** Aborted on Ctrl-C / SIGTERM: in-flight samples are dropped, nothing new starts. */
  interrupt: AbortSignal;
  /** Replaces DNS resolution (tests); undefined means the system resolver. */
  lookup?: LookupFunction;
  /**
   * Masks the run's secrets in text a failure keeps from a response, before it is shortened
   * (runProbes sets it from the config's secrets; a flow adds the secret captures of its sample).
   */
  redact?: Redact;
}

/** One sample, ready to run; it resolves (never rejects) unless the run is interrupted. */
export type SampleTask = () => Promise<SampleOutcome>;

export interface ProbePlan {
  /** The probe's samples in order; may be discovered lazily (links found in a page). */
  samples: AsyncIterable<SampleTask> | Iterable<SampleTask>;
  /** Releases what the probe held for all its samples (kept-alive connections). */
  close(): Promise<void>;
}

export interface ProbeRunner<P extends ProbeConfig> {
  plan(probe: P, ctx: RunContext): ProbePlan;
}

/** One runner per kind; the mapped type makes a kind without a runner a compile error. */
export type RunnerRegistry = { [K in ProbeConfig['kind']]: ProbeRunner<Extract<ProbeConfig, { kind: K }>> };
