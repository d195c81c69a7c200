// `kind: flow`: every sample runs all steps in order with a fresh cookie jar, like one person
// logging in. After a failed step the rest are skipped; the sample's failure names the step.
import type { RequestSpec } from '../../config/types.js';
import type { FlowProbe } from './schema.js';
import { ConnectionPool } from '../../http/connections.js';
import type { SampleOutcome } from '../../model/sample.js';
import type { StepOutcome } from '../../model/flow.js';
import { addPhases, emptyPhases } from '../../model/timings.js';
import { secretForms } from '../../secrets/forms.js';
import { createRedactor, redactValue, type Redactor } from '../../secrets/redact.js';
import { newCookieJar } from './cookie-jar.js';
import { runStep, type FlowState } from './step.js';
import { connectionOptionsOf } from '../request.js';
import type { ConnectionOptions } from '../../http/transport.js';
import { repeat, type ProbePlan, type ProbeRunner, type RunContext, type SampleTask } from '../runner.js';

/** Runs flow probes: one sample = every step in order, with its own cookie jar. */
export const flowRunner: ProbeRunner<FlowProbe> = {
  plan(probe: FlowProbe, ctx: RunContext): ProbePlan {
    const shared = probe.reuseConnections ? new StepPools(ctx) : null;
    const sample: SampleTask = async () => {
      // Fresh connections per sample (a first visit) unless reuseConnections.
      const pools = shared ?? new StepPools(ctx);
      try {
        return await runFlowSample(probe, pools, ctx);
      } finally {
        if (!shared) await pools.close();
      }
    };
    return { samples: repeat(sample, probe.samples), close: async () => shared?.close() };
  },
};

/** One sample: every step in order, then its secret captures scrubbed from what it reports. */
async function runFlowSample(probe: FlowProbe, pools: StepPools, ctx: RunContext): Promise<SampleOutcome> {
  const state: FlowState = { jar: newCookieJar(), captured: { values: new Map(), secrets: [] } };
  // The run's secrets, and those this sample has captured so far (only failures pay for it).
  const run = ctx.redact ?? createRedactor([]);
  const redact = (text: string) => {
    const { secrets } = state.captured;
    return secrets.length === 0 ? run(text) : run.with(secrets.flatMap(secretForms))(text);
  };
  const steps: StepOutcome[] = [];
  let outcome: SampleOutcome = { latencyMs: 0, phases: emptyPhases(), failure: null, steps };
  for (const step of probe.steps) {
    if (outcome.failure) {
      steps.push({ id: step.id, latencyMs: null, failure: null, skipped: true });
      continue;
    }
    const ran = await runStep(step, state, pools.for(step.request), ctx.interrupt, redact);
    steps.push({ id: step.id, latencyMs: ran.latencyMs, failure: ran.failure, skipped: false });
    // The flow's latency is the sum of its steps'; a step without a response leaves it unmeasured.
    const latencyMs = outcome.latencyMs === null || ran.latencyMs === null ? null : outcome.latencyMs + ran.latencyMs;
    // The version and certificate of the last step that got that far.
    const httpVersion = ran.httpVersion ?? outcome.httpVersion ?? null;
    const tls = ran.tls ?? outcome.tls ?? null;
    // The last step's own: a step that never connected must not inherit an earlier step's address.
    const peer = ran.peer ?? null;
    outcome = { latencyMs, phases: addPhases(outcome.phases, ran.phases), failure: ran.failure, steps, httpVersion, tls, peer, ...(ran.answer && { answer: ran.answer }) };
  }
  return scrubSecrets(outcome, state.captured.secrets, run);
}

/**
 * Values captured with `secret: true` are known only to this sample, so the sample hides them
 * itself before its outcome goes anywhere: what reaches stats and reports already reads ***.
 * (Secrets from the environment are known before the run; the CLI's output boundary hides those.)
 */
function scrubSecrets(outcome: SampleOutcome, secrets: string[], run: Redactor): SampleOutcome {
  if (secrets.length === 0) return outcome;
  const redact = run.with(secrets.flatMap(secretForms));
  // The answer's status text and headers reach the diagnosis's evidence, passing or not.
  const answer = outcome.answer && { status: outcome.answer.status, statusText: redact(outcome.answer.statusText), headers: redactValue({ ...outcome.answer.headers }, redact) };
  if (outcome.failure === null) return answer ? { ...outcome, answer } : outcome;
  const failure = redactValue(outcome.failure, redact);
  const steps = outcome.steps?.map((step) => (step.failure ? { ...step, failure } : step));
  return { ...outcome, failure, ...(steps && { steps }), ...(answer && { answer }) };
}

/**
 * The connection pools of a sample (or, with reuseConnections, of the whole probe): one per
 * timeout and transport setting (proxy, TLS, names), since steps may set their own.
 */
class StepPools {
  private readonly pools = new Map<ConnectionOptions, ConnectionPool>();

  constructor(private readonly ctx: RunContext) {}

  for(request: RequestSpec): ConnectionPool {
    const options = connectionOptionsOf(request);
    let pool = this.pools.get(options);
    if (!pool) {
      pool = new ConnectionPool(this.ctx.lookup ? { ...options, lookup: this.ctx.lookup } : options);
      this.pools.set(options, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }
}
