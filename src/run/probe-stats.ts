// Everything a report needs about one probe, accumulated sample by sample in bounded memory:
// counts, histograms, and at most MAX_ERROR_GROUPS distinct example errors.
import { increment, type ClassCounts, type ErrorGroup } from '../model/counts.js';
import { failureKey, type SampleFailure } from '../model/failure.js';
import type { SampleAnswer, SampleOutcome } from '../model/sample.js';
import type { HttpVersion, TlsInfo } from '../model/tls.js';
import { pickEdgeHeaders } from '../analysis/edges/index.js';
import type { Redact } from '../secrets/redact.js';
import { EvidenceCollector, type ExchangeFacts } from './evidence-collector.js';
import { PHASES, type TimedPhase } from '../model/timings.js';
import type { LatencySummary } from '../model/latency.js';
import { LatencyHistogram } from './latency-histogram.js';

/** Distinct errors kept per probe; more are counted in `otherErrors` (a links probe raises it). */
export const MAX_ERROR_GROUPS = 50;

/** Per-step statistics of a flow. */
export class StepStats {
  readonly latency = new LatencyHistogram();
  readonly failuresByClass: ClassCounts = {};
  skipped = 0;
  constructor(readonly id: string) {}
}

export class ProbeStats {
  samples = 0;
  failedSamples = 0;
  /** Samples that failed, then passed on a retry: passed, but a dashboard should still see them. */
  flakySamples = 0;
  readonly failuresByClass: ClassCounts = {};
  readonly latency = new LatencyHistogram();
  readonly phases = Object.fromEntries(PHASES.map((p) => [p, new LatencyHistogram()])) as Record<TimedPhase, LatencyHistogram>;
  readonly steps = new Map<string, StepStats>();
  private readonly errorGroups = new Map<string, ErrorGroup>();
  /** Failed samples whose error did not fit in the kept groups. */
  otherErrors = 0;
  /** The probe failed outside any sample (a links probe's page did not load). */
  probeFailed = false;
  /** The last answer's HTTP version and the last certificate seen (SPEC: from the last sample that had one). */
  httpVersion: HttpVersion | null = null;
  tls: TlsInfo | null = null;
  /** What the diagnosis reads beyond the counts: statuses with edge headers, connect outcomes. */
  readonly evidence: EvidenceCollector;

  /**
   * `credentialStep`: a flow's first step that sends credentials (probes/flow/credential-step.ts);
   * `redact` masks the run's secrets in what the evidence keeps of an answer, before it is cut.
   */
  constructor(
    private readonly maxErrorGroups = MAX_ERROR_GROUPS,
    credentialStep?: number | null,
    private readonly redact: Redact = (text) => text,
  ) {
    this.evidence = new EvidenceCollector(credentialStep === undefined ? null : { credentialStep });
  }

  add(outcome: SampleOutcome): void {
    this.samples++;
    if (outcome.latencyMs !== null) this.latency.record(outcome.latencyMs);
    for (const phase of PHASES) {
      const ms = outcome.phases[phase];
      if (ms !== null) this.phases[phase].record(ms);
    }
    for (const step of outcome.steps ?? []) this.addStep(step.id, step);
    if (outcome.failure) {
      this.addFailure(outcome.failure);
      this.evidence.add(outcome.failure, outcome.latencyMs, facts(outcome, this.redact));
    } else {
      if ((outcome.attempts ?? 1) > 1) this.flakySamples++;
      // One branch per passing sample: only the first passing answer's headers are read.
      if (this.evidence.wantsHeaders(false)) this.evidence.add(null, outcome.latencyMs, facts(outcome, this.redact));
      else if (outcome.peer) this.evidence.answeredBy(outcome.peer);
    }
    if (outcome.httpVersion) this.httpVersion = outcome.httpVersion;
    if (outcome.tls) this.tls = outcome.tls;
  }

  /**
   * A failure that is not a sample (a links probe's page): it fails the probe and is counted by
   * class and kept as an error, but samples and failedSamples do not change.
   */
  addProbeFailure(failure: SampleFailure, answer?: SampleAnswer): void {
    this.probeFailed = true;
    this.evidence.add(failure, null, facts({ answer }, this.redact));
    increment(this.failuresByClass, failure.failure.class);
    this.keepError(failure);
  }

  get errors(): ErrorGroup[] {
    return [...this.errorGroups.values()];
  }

  latencySummary(): LatencySummary | null {
    return this.latency.summary();
  }

  private addFailure(failure: SampleFailure): void {
    this.failedSamples++;
    increment(this.failuresByClass, failure.failure.class);
    this.keepError(failure);
  }

  private keepError(failure: SampleFailure): void {
    const key = failureKey(failure);
    const group = this.errorGroups.get(key);
    if (group) group.count++;
    else if (this.errorGroups.size < this.maxErrorGroups) this.errorGroups.set(key, { example: failure, count: 1 });
    else this.otherErrors++;
  }

  private addStep(id: string, step: NonNullable<SampleOutcome['steps']>[number]): void {
    let stats = this.steps.get(id);
    if (!stats) this.steps.set(id, (stats = new StepStats(id)));
    if (step.skipped) stats.skipped++;
    if (step.latencyMs !== null) stats.latency.record(step.latencyMs);
    if (step.failure) increment(stats.failuresByClass, step.failure.failure.class);
  }
}

/** What the evidence keeps of a sample's exchange: the peer, the answer's status and the few headers that identify an edge. */
function facts({ answer, peer }: Pick<SampleOutcome, 'answer' | 'peer'>, redact: Redact): ExchangeFacts | null {
  if (!answer) return peer ? { status: null, peerAddress: peer } : null;
  return { status: answer.status, statusText: redact(answer.statusText), edgeHeaders: pickEdgeHeaders(answer.headers, redact), peerAddress: peer ?? null };
}
