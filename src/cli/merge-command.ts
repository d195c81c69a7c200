// `upprobe merge <report...>`: reads run reports (JSON files, NDJSON histories), keeps the newest
// report of each vantage within --max-age, and prints (and writes) the merged verdict.
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { mergeReports, parseQuorum, type Quorum, type VantageRun } from '../analysis/merge.js';
import { MergeInputError, parseReportFile } from '../analysis/merge-input.js';
import { parseDuration } from '../config/duration.js';
import { renderMerge } from '../report/merge-table.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { UsageError } from './errors.js';
import { writeFileAtomic } from '../sinks/files/write.js';
import { useColor, type OutputBoundary } from './output.js';

export interface MergeFlags {
  quorum: string;
  maxAge: string;
  json?: string | true;
  color?: boolean;
  quiet?: boolean;
}

/** Default --max-age (SPEC): a vantage's report older than this is stale. */
export const DEFAULT_MAX_AGE = '15m';

/** `--max-age`: a duration as elsewhere (250ms, 5s, 1m), or whole hours (`2h`). */
export function parseMaxAge(text: string): number | undefined {
  const hours = /^(\d+(?:\.\d+)?)\s*h$/.exec(text.trim());
  if (hours?.[1]) return Number(hours[1]) * 3_600_000;
  const ms = parseDuration(text);
  return ms === undefined || ms <= 0 ? undefined : ms;
}

export function mergeCommand(files: string[], flags: MergeFlags, output: OutputBoundary, now = new Date()): number {
  const quorum: Quorum | undefined = parseQuorum(flags.quorum);
  if (quorum === undefined) throw new UsageError(`--quorum ${JSON.stringify(flags.quorum)}: expected majority, any, all or a whole number of vantages`);
  const maxAgeMs = parseMaxAge(flags.maxAge);
  if (maxAgeMs === undefined) throw new UsageError(`--max-age ${JSON.stringify(flags.maxAge)}: expected a duration like 15m, 2h or 90s`);

  const runs = newestPerVantage(files, now.getTime() - maxAgeMs);
  if (runs.length === 0) {
    throw new UsageError(`no report in ${files.join(', ')} started within the last ${flags.maxAge} (--max-age)`);
  }
  const merged = mergeReports(runs, quorum, { name: TOOL_NAME, version: VERSION }, now);
  const toStdout = flags.json === true || flags.json === '-';
  const human = toStdout ? process.stderr : process.stdout;
  output.write(human, renderMerge(merged, { color: useColor(human, flags.color), quiet: flags.quiet === true }));
  const text = `${JSON.stringify(merged, null, 2)}\n`;
  if (toStdout) output.write(process.stdout, text);
  else if (typeof flags.json === 'string') {
    try {
      writeFileAtomic(flags.json, text);
    } catch (err) {
      output.write(process.stderr, `upprobe: cannot write ${flags.json}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  }
  return merged.exitCode;
}

/** Every file's reports, the newest per vantage that started after `notBefore`; bad input throws UsageError naming the file. */
function newestPerVantage(files: string[], notBefore: number): VantageRun[] {
  const newest = new Map<string, VantageRun>();
  const seen = new Set<string>();
  for (const file of files) {
    const path = resolve(file);
    if (seen.has(path)) continue;
    seen.add(path);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
      throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
    }
    let reports;
    try {
      ({ reports } = parseReportFile(text));
    } catch (err) {
      if (err instanceof MergeInputError) throw new UsageError(`${file}: ${err.message}`);
      throw err;
    }
    // A report without a vantage name is named after its file (fra1.json → fra1).
    const fallbackName = basename(file, extname(file));
    for (const report of reports) {
      if (Date.parse(report.startedAt) < notBefore) continue;
      const name = report.vantage ?? fallbackName;
      const current = newest.get(name);
      if (current && current.report.startedAt === report.startedAt && current.file !== file) {
        throw new UsageError(`${file}: vantage ${JSON.stringify(name)} at ${report.startedAt} is also in ${current.file}: two reports cannot be one vantage's same run`);
      }
      if (!current || Date.parse(report.startedAt) > Date.parse(current.report.startedAt)) newest.set(name, { name, file, report });
    }
  }
  return [...newest.values()];
}
