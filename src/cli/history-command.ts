// `upprobe history <file>`: the last runs a `--record` file holds, read from its end.
import { ExitCode } from '../model/exit-codes.js';
import { parseRun, renderHistory, type HistoryRun } from '../report/history.js';
import { UsageError } from './errors.js';
import { linesFromEnd } from '../sinks/files/lines-from-end.js';
import { useColor, type OutputBoundary } from './output.js';

/** `history`'s options: how many runs to show, and colour. */
export interface HistoryFlags {
  last: number;
  color?: boolean;
}

/** Prints the last runs of a record; a file that cannot be read is a usage error (exit 2). */
export function historyCommand(file: string, flags: HistoryFlags, output: OutputBoundary): number {
  const runs: HistoryRun[] = [];
  let skipped = 0;
  try {
    for (const line of linesFromEnd(file)) {
      const run = parseRun(line);
      if (run) runs.push(run);
      else skipped++;
      if (runs.length >= flags.last) break;
    }
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : err instanceof Error ? err.message : String(err);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
  output.write(process.stdout, renderHistory(runs.reverse(), { color: useColor(process.stdout, flags.color), skipped, file }));
  return ExitCode.Ok;
}
