// The interface every probe kind implements. A kind turns its config into sample tasks; the
// scheduler (run/schedule.ts) decides when they run, so concurrency lives in one place.
import type { LookupFunction } from 'node:net';
import type { SampleFailure } from '../model/failure.js';
import type { KindData } from '../model/result.js';
import type { SampleAnswer, SampleOutcome } from '../model/sample.js';
import type { Redactor } from '../secrets/redact.js';

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
  redact?: Redactor;
  /** A report will carry each probe's latency histogram (`latencyHistogram`): encode them after the run. */
  latencyHistograms?: boolean;
  /** Told of each sample as it is recorded, with its probe's index (the progress line); unset, recording costs nothing more. */
  onSample?: SampleListener;
}

/** Hears of every recorded sample: `probe` is the probe's index in the run's config. */
export type SampleListener = (probe: number, outcome: SampleOutcome) => void;

/**
 * One sample, ready to run; it resolves (never rejects) unless the run is interrupted. It may be
 * called again for a retry (run/retry.ts), so each call must be a fresh, independent attempt.
 */
export type SampleTask = () => Promise<SampleOutcome>;

/**
 * A sample that may start only while fewer than `limit` host-limited samples to the same `host`
 * are in flight (a links probe's politeness cap). The scheduler enforces it with the global limit.
 */
export interface HostLimitedTask {
  run: SampleTask;
  host: string;
  limit: number;
}

/** What a plan yields: a plain sample, or one bound by a per-host cap. */
export type PlannedTask = SampleTask | HostLimitedTask;

export interface ProbePlan {
  /** The probe's samples in order; may be discovered lazily (links found in a page). */
  samples: AsyncIterable<PlannedTask> | Iterable<PlannedTask>;
  /** Releases what the probe held for all its samples (kept-alive connections). */
  close(): Promise<void>;
  /** Distinct errors to keep in the report; default MAX_ERROR_GROUPS (a links probe keeps one per link). */
  maxErrorGroups?: number;
  /** What the probe learned outside its samples; read once they all ran. */
  findings?(): ProbeFindings;
}

/** What a plan learned outside its samples: for a links probe, its page's failure and its link counts. */
export interface ProbeFindings {
  /** The probe failed outside any sample (its page could not be loaded): not a sample, still a failure. */
  failure?: SampleFailure;
  /** The kind's own part of the result (model/result.ts, KindData). */
  kindData?: KindData;
  /** The answer behind `failure`, when one came (the diagnosis reads its status and edge headers). */
  answer?: SampleAnswer;
}

/** Turns a probe of its kind into sample tasks. */
export interface ProbeRunner<P> {
  plan(probe: P, ctx: RunContext): ProbePlan;
}

/** The same task n times, lazily: 200,000 samples need no 200,000-entry array. */
export function* repeat(task: SampleTask, n: number): Iterable<SampleTask> {
  for (let i = 0; i < n; i++) yield task;
}
