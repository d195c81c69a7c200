// What one sample produced: the unit every statistic and report is built from.
import type { SampleFailure } from './failure.js';
import type { StepOutcome } from './flow.js';
import type { PhaseTimings } from './timings.js';
import type { HttpVersion, TlsInfo } from './tls.js';

/**
 * The HTTP answer that ended a sample (a flow's last step run, a link's last hop): the diagnosis
 * reads its status and edge headers. The runner hands over the response it has, never a copy.
 */
export interface SampleAnswer {
  status: number;
  statusText: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface SampleOutcome {
  /** From issuing the first request to the end of the last body; null when no response came. */
  latencyMs: number | null;
  phases: PhaseTimings;
  failure: SampleFailure | null;
  /** A flow's steps (model/flow.ts). */
  steps?: StepOutcome[];
  /** How many times the sample was tried (retries); absent means once. */
  attempts?: number;
  /** The HTTP version of the last response; null when none came, absent for kinds without HTTP. */
  httpVersion?: HttpVersion | null;
  /** The last TLS handshake's version and leaf certificate; null on plain HTTP or before one. */
  tls?: TlsInfo | null;
  /** The `address:port` the last connection reached (the proxy's, through one); absent or null when none did. */
  peer?: string | null;
  /** The answer, when one came. */
  answer?: SampleAnswer;
}
