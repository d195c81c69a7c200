// One probe through a run, as the scheduler's task source. Its plan (connections, a links probe's
// page) and its statistics are made when the scheduler first asks for its tasks, and given up as
// soon as it has no task left and none in flight (the scheduler looks ahead for that when a plain
// probe's last sample ends; a links probe, whose links come as its page is read, is done when
// next asked for one). From then on only its result is kept: a run of 16,000 one-sample probes
// holds the plans of the probes in flight, not of all 16,000 (bench/README.md, "scale").
import type { ProbeResult } from '../model/result.js';
import type { SampleOutcome } from '../model/sample.js';
import type { ProbeConfig } from '../probes/probe-config.js';
import type { PlannedTask, ProbePlan, ProbeRunner, RunContext } from '../probes/runner.js';
import { credentialStep } from '../probes/flow/credential-step.js';
import { probeResult, type HistogramEncoder } from './probe-result.js';
import type { LatencyHistogram } from './latency-histogram.js';
import { ProbeStats } from './probe-stats.js';
import { withRetries } from './retry.js';
import type { TaskSource } from './schedule.js';

/** What every probe of a run shares: its context, its secrets, and the report's histogram encoder. */
export interface ProbeRunShared {
  ctx: RunContext;
  secrets: readonly string[];
  encode: HistogramEncoder;
}

export class ProbeRun implements TaskSource {
  private plan: ProbePlan | null = null;
  private stats: ProbeStats | null = null;
  private closing: Promise<void> | null = null;
  private result: ProbeResult | null = null;
  /** A few exact latencies, kept for the report's histogram: encoded after the run, not between samples. */
  private latency: LatencyHistogram | null = null;

  /** `index`: the probe's place in the config, as the sample listener names it. */
  constructor(
    private readonly probe: ProbeConfig,
    private readonly index: number,
    private readonly runner: ProbeRunner<ProbeConfig>,
    private readonly shared: ProbeRunShared,
  ) {}

  tasks(): AsyncIterable<PlannedTask> | Iterable<PlannedTask> {
    const { ctx } = this.shared;
    this.plan = this.runner.plan(this.probe, ctx);
    this.stats = this.newStats(this.plan.maxErrorGroups);
    return withRetries(this.plan.samples, this.probe.retry, ctx.interrupt);
  }

  record(outcome: SampleOutcome): void {
    (this.stats as ProbeStats).add(outcome);
    this.shared.ctx.onSample?.(this.index, outcome);
  }

  done(): void {
    // Handled here so that a failed close waits, unreported, for finish() to rethrow it.
    (this.closing ??= this.conclude()).catch(() => undefined);
  }

  /** The probe's result, once its plan is closed; a probe the run never reached has one with no samples. */
  async finish(): Promise<ProbeResult> {
    await (this.closing ??= this.conclude());
    const result = this.result as ProbeResult;
    if (this.latency && this.shared.encode) result.latencyHistogram = this.latency.encoded(this.shared.encode);
    this.latency = null;
    return result;
  }

  /**
   * Closes the plan, reads what it found, and turns the statistics into the result; both are then
   * let go. A probe an interrupt kept from starting gets its plan here, unused, so that its result
   * has the same shape as any other (a dns probe's `dns` block, a tcp probe's `peer`).
   */
  private async conclude(): Promise<void> {
    const plan = this.plan ?? this.runner.plan(this.probe, this.shared.ctx);
    const stats = this.stats ?? this.newStats(plan.maxErrorGroups);
    this.plan = null;
    this.stats = null;
    await plan.close();
    const findings = plan.findings?.() ?? {};
    if (findings.failure) stats.addProbeFailure(findings.failure, findings.answer);
    // The report's histogram. A probe of a few samples keeps its latencies and has them encoded
    // after the run: a temporary HDR histogram and its deflate for each of 16,000 one-sample
    // probes would run between the others' samples. A full histogram (9–33 KiB) is encoded now.
    const { encode } = this.shared;
    const later = encode !== null && stats.latency.exactOnly;
    this.result = probeResult(this.probe, stats, findings.kindData, later ? null : encode);
    if (later) this.latency = stats.latency;
  }

  private newStats(maxErrorGroups: number | undefined): ProbeStats {
    const { probe, shared } = this;
    const credentials = probe.kind === 'flow' ? credentialStep(probe.steps, shared.secrets) : undefined;
    return new ProbeStats(maxErrorGroups, credentials, shared.ctx.redact);
  }
}
