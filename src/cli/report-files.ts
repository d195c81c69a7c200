// Where this run's file reports go, checked before anything is probed, and written after:
// every byte through the output boundary (output.ts), so redaction covers every report.
import { readFileSync } from 'node:fs';
import type { RunResult } from '../model/result.js';
import type { RenderOptions } from '../report/reporter.js';
import { UsageError } from './errors.js';
import { appendWhole, writeFileAtomic, writeOut, writeToStream } from './output.js';
import { inspectDestination } from './report-destination.js';
import { FILE_REPORTERS, type FileReporter } from './reporters.js';

/** One report to write: a file path, or `-` for stdout. */
export interface ReportTarget {
  file: FileReporter;
  path: string;
  /** How the user asked for it (`--junit`, `GITHUB_STEP_SUMMARY`), for messages. */
  origin: string;
}

/** The reports asked for by flags and the environment, checked writable (else a UsageError, exit 2). */
export function reportTargets(flags: object, env: Record<string, string | undefined>): ReportTarget[] {
  const values = flags as Record<string, unknown>;
  const targets: ReportTarget[] = [];
  for (const file of FILE_REPORTERS) {
    if ('env' in file.source) {
      const path = env[file.source.env];
      if (path) targets.push({ file, path, origin: file.source.env });
      continue;
    }
    const value = values[file.source.flag];
    if (value !== true && typeof value !== 'string') continue;
    const path = value === true ? '-' : value;
    if (path === '-' && !file.stdout) throw new UsageError(`--${file.source.flag} needs a file path`);
    targets.push({ file, path, origin: `--${file.source.flag}` });
  }
  const seen = new Map<string, string>();
  for (const target of targets) {
    if (target.path === '-') continue;
    const destination = inspectDestination(target.path, target.file.write);
    // Two reports in one regular file would overwrite each other; a device or FIFO takes both.
    if (destination.kind === 'stream') continue;
    const other = seen.get(destination.path);
    if (other) throw new UsageError(`${other} and ${target.origin} both write ${target.path}; give each report its own file`);
    seen.set(destination.path, target.origin);
  }
  return targets;
}

/** True when a report goes to stdout, so the human report must move to stderr. */
export function usesStdout(targets: ReportTarget[]): boolean {
  return targets.some((t) => t.path === '-');
}

/**
 * Writes every report. One that fails does not stop the others; the messages come back so the
 * caller can say so (the probes ran, but the job's output is incomplete).
 */
export function writeReports(result: RunResult, targets: ReportTarget[], options: RenderOptions): string[] {
  const problems: string[] = [];
  for (const { file, path } of targets) {
    try {
      if (path === '-') {
        writeOut(process.stdout, file.reporter.render(result, { ...options, color: false, previous: null }));
        continue;
      }
      // Looked at again: what is at the path may have changed while the probes ran.
      const destination = inspectDestination(path, file.write);
      // Only a regular file can be read back (a FIFO would wait for a writer forever).
      const previous = file.carriesTotals && destination.kind === 'file' && destination.existing ? readIfExists(destination.path) : null;
      const text = file.reporter.render(result, { ...options, color: false, previous });
      if (destination.kind === 'stream') writeToStream(destination.path, text, destination.fifo);
      else if (file.write === 'append') appendWhole(destination.path, text);
      else writeFileAtomic(destination.path, text, destination.existing);
    } catch (err) {
      problems.push(`cannot write ${path}: ${err instanceof Error ? err.message.replace(/^cannot write .*?: /, '') : String(err)}`);
    }
  }
  return problems;
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
