// Runs every probe of a config once and returns the run's one result value.
import { mentionsHttps, warmUp } from '../http/warm-up.js';
import { ExitCode } from '../model/exit-codes.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import type { ProbeKind } from '../probes/kind.js';
import type { ProbeConfig, RunConfig } from '../probes/probe-config.js';
import { PROBE_KINDS } from '../probes/registry.js';
import type { ProbeRunner, RunContext } from '../probes/runner.js';
import { createRedactor } from '../secrets/redact.js';
import { ProbeRun } from './probe-run.js';
import { watchEventLoop } from './loop-lag.js';
import { schedule } from './schedule.js';
import { summarize } from '../analysis/summary.js';
import { diagnoseRun } from '../analysis/diagnosis/index.js';
import { runControls } from './controls.js';

/** The signal that interrupted a run, as `interrupt.reason`; it picks the exit code. */
export type InterruptReason = 'SIGINT' | 'SIGTERM';

export async function runProbes(config: RunConfig, given: RunContext): Promise<RunResult> {
  const ctx: RunContext = { ...given, redact: given.redact ?? createRedactor(config.secrets) };
  const loaded = await loadRunners(config.probes);
  // The histograms' text form only for a report that carries it: its deflate code costs a run without one.
  const encode = ctx.latencyHistograms ? (await import('../analysis/hdr-codec.js')).encodeHistogram : null;
  if (config.probes.length > 0) await warmUp({ tls: mentionsHttps(config.probes) });
  const lag = watchEventLoop();
  const startedAt = new Date();
  const start = performance.now();
  // Controls run beside the probes, once each, outside the scheduler's limit and never retried.
  const controls = config.controls.length > 0 ? runControls(config.controls, ctx.lookup) : null;
  const shared = { ctx, secrets: config.secrets, encode };
  const runs = config.probes.map((probe, index) => new ProbeRun(probe, index, loaded.get(probe.kind) as ProbeRunner<ProbeConfig>, shared));
  let probes: ProbeResult[];
  try {
    await schedule(runs, config.concurrency, ctx.interrupt);
  } finally {
    // Every plan is closed, also when the run was interrupted or failed.
    probes = await Promise.all(runs.map((run) => run.finish()));
  }
  const controlOutcomes = controls && (await controls);
  const timingConfidence = lag.stop();
  const summary = summarize(probes);
  const diagnosis = diagnoseRun({ probes, summary, timingConfidence }, controlOutcomes);
  const interrupted = ctx.interrupt.aborted;
  const exitCode = interrupted
    ? ctx.interrupt.reason === 'SIGTERM'
      ? ExitCode.Terminated
      : ExitCode.Interrupted
    : summary.failed === 0
      ? ExitCode.Ok
      : diagnosis.prober.healthy === false
        ? ExitCode.Inconclusive
        : ExitCode.ProbeFailed;
  return { vantage: config.vantage, startedAt, durationMs: performance.now() - start, interrupted, exitCode, summary, probes, timingConfidence, diagnosis };
}

/** The runner of every kind the run has, loaded (each kind's code is imported only when used). */
async function loadRunners(probes: ProbeConfig[]): Promise<Map<ProbeConfig['kind'], ProbeRunner<ProbeConfig>>> {
  const kinds = [...new Set(probes.map((probe) => probe.kind))];
  const loaded = await Promise.all(kinds.map((kind) => (PROBE_KINDS[kind] as ProbeKind<ProbeConfig>).runner()));
  return new Map(kinds.map((kind, i) => [kind, loaded[i]!]));
}
