// A sink: somewhere a run's result goes when it leaves upprobe (a report file, stdout, later a
// Pushgateway or a webhook). Each is checked before anything is probed, so a job that cannot
// deliver fails at once (exit 2), and delivered after the run; one failing never stops the others.
import type { NotifySettings } from '../config/notify.js';
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
  /** One line the CLI prints once before probing: the sink works, but not as the user may expect. */
  warning?: string;
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
  create(value: string | true, origin: string, setup: SinkSetup): Sink;
  /** A sink the probes file can ask for too (`notify:`): the value to create it with when no flag is given. */
  fromSetup?(setup: SinkSetup): string | undefined;
}

/**
 * What a sink may know beyond its own flag, once the probes file is loaded (still before probing):
 * a notification reads its settings from the file and earlier runs from the record.
 */
export interface SinkSetup {
  /** The probes file's `notify:` section; null when absent. */
  notify: NotifySettings | null;
  /** The `--record` history this run appends to, if any: where earlier runs are. */
  record: string | null;
  /** The same sink delivers run after run in one process (`watch`): it may keep what it needs in memory. */
  repeated: boolean;
}

/** A sink that cannot be used as asked: the CLI prints the message and exits 2 before probing. */
export class SinkUnusable extends Error {}

/**
 * A delivery that failed, in a sentence of its own that already names the destination (a push:
 * "Pushgateway push to URL failed: …"); other errors are worded "cannot write <target>: …".
 */
export class DeliveryFailed extends Error {}
