// SPEC's exit codes, named. Every command exits through one of these.
export const ExitCode = {
  /** Every probe met its thresholds. */
  Ok: 0,
  /** At least one probe failed its thresholds. */
  ProbeFailed: 1,
  /** Usage or configuration error: nothing was probed. */
  Usage: 2,
  /** A bug in upprobe. */
  Internal: 3,
  /** A probe failed while the prober's own controls failed too: not blamed on the service. */
  Inconclusive: 4,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  Interrupted: 130,
  /** Stopped by SIGTERM (128 + SIGTERM). */
  Terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
