// One step of a flow sample: fill its request with earlier captures, send it (redirects hop by
// hop through the sample's cookie jar), check it with the shared expectations, capture from it.
import type { CookieJar } from 'tough-cookie';
import type { FlowStep } from './schema.js';
import type { ConnectionPool } from '../../http/connections.js';
import { fetchFollowingRedirects } from '../../http/redirects.js';
import type { Failure, SampleFailure } from '../../model/failure.js';
import type { SampleOutcome } from '../../model/sample.js';
import { emptyPhases } from '../../model/timings.js';
import type { Redact } from '../../secrets/redact.js';
import { captureAll, type CapturedValues } from './captures.js';
import { cookieHooks } from './cookie-jar.js';
import { checkExpiry, checkLatency, checkResponse } from '../expect.js';
import { fillRequest } from './request.js';
import { toFetchRequest } from '../request.js';

/** What one sample carries from step to step. */
export interface FlowState {
  jar: CookieJar;
  captured: CapturedValues;
}

/** How one step went; `latencyMs` is null when no response came (a failure below HTTP); `answer` feeds the diagnosis's evidence. */
export type StepRun = Pick<SampleOutcome, 'latencyMs' | 'phases' | 'failure' | 'httpVersion' | 'tls' | 'peer' | 'answer'>;

/** Runs one step; failures are returned, never thrown (only an interrupt throws). */
/** `redact` masks secrets (the run's and this sample's captures) before a failure keeps any excerpt. */
export async function runStep(step: FlowStep, state: FlowState, pool: ConnectionPool, interrupt: AbortSignal, redact: Redact): Promise<StepRun> {
  const located = (failure: Failure, url: string): SampleFailure => ({ failure, url, step: step.id });
  const filled = fillRequest(step.request, state.captured.values);
  if ('failure' in filled) return { latencyMs: null, phases: emptyPhases(), failure: located(filled.failure, step.request.url) };

  const request = toFetchRequest(filled, redact);
  const result = await fetchFollowingRedirects(pool, request, cookieHooks(state.jar, request.url), interrupt);
  const { httpVersion, tls, peer } = result;
  if (!result.ok) return { latencyMs: null, phases: result.timings, failure: located(result.failure, result.url.href), httpVersion, tls, peer };

  // Captures are read first, so that a `secret: true` value is registered (and masked by `redact`)
  // before an expectation of this same step quotes the response it came from.
  const captureFailure = await captureAll(step.captures, result.response, result.url, state.jar, state.captured);
  // SPEC precedence: a failed expectation beats a missing capture, which beats being slow.
  const failure =
    checkExpiry(step.expect, tls) ??
    checkResponse(step.expect, result.response, request.followRedirects, redact) ??
    captureFailure ??
    checkLatency(step.expect, result.ms);
  return { latencyMs: result.ms, phases: result.timings, failure: failure && located(failure, result.url.href), httpVersion, tls, peer, answer: result.response };
}
