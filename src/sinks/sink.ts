// A sink: somewhere a run's result goes when it leaves upprobe (a report file, stdout, later a
// Pushgateway or a webhook). Each is checked before anything is probed, so a job that cannot
// deliver fails at once (exit 2), and delivered after the run; one failing never stops the others.
import type { RunResult } from '../model/result.js';
import type { RenderOptions } from '../report/reporter.js';
import type { Redact } from '../secrets/redact.js';

/** What every delivery gets from the command line: the output boundary's redactor and where stdout is. */
export interface DeliverContext {
  /** Masks the run's secrets: every byte a sink sends passes through it. */
  redact: Redact;
  /** Colour is off for sinks; `columns` as the terminal's. */
  render: RenderOptions;
  stdout: NodeJS.WritableStream;
}

export interface Sink {
  /** How the user asked for it (`--junit`, `GITHUB_STEP_SUMMARY`): messages name it. */
  origin: string;
  /** Where it delivers (a path, `-` for stdout, a URL): messages name it. */
  target: string;
  /** Two sinks with the same key would overwrite each other (a file's absolute path); null when any may share it (stdout). */
  key: string | null;
  /** The sink writes to stdout, so the human report moves to stderr. */
  usesStdout: boolean;
  /** What it delivers carries each probe's latency histogram (the JSON report and the record do). */
  carriesHistograms: boolean;
  /** Before probing: throws SinkUnusable when the result could not be delivered (a missing directory). */
  check(): void;
  /** After the run: delivers the (already redacted) result; throws when it could not. */
  deliver(result: RunResult, ctx: DeliverContext): Promise<void>;
}

/** How a sink is asked for: a `run` flag, or an environment variable CI sets. */
export type SinkSource = { flag: string; argument: '<path>' | '[path]' | '<url>' } | { env: string };

/** One registry entry (registry.ts): how a sink is asked for, and how it is built from the value given. */
export interface SinkOption {
  source: SinkSource;
  /** The --help line (for an env source, docs/ say it). */
  description: string;
  /** Builds the sink from the flag's value (`true` for a bare `[path]` flag) or the variable's. */
  create(value: string | true, origin: string): Sink;
}

/** A sink that cannot be used as asked: the CLI prints the message and exits 2 before probing. */
export class SinkUnusable extends Error {}
