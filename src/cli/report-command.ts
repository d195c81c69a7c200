// `upprobe report <history> --html out.html`: a run history (`--record`) as one self-contained page.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
// uPlot's code and style, inlined into every page (bundled as text: no node_modules needed).
import uPlotJs from 'uplot/dist/uPlot.iife.min.js?raw';
import uPlotCss from 'uplot/dist/uPlot.min.css?raw';
import { ExitCode } from '../model/exit-codes.js';
import { HistorySeries } from '../report/html/history-series.js';
import { renderHtmlReport } from '../report/html/page.js';
import { parseRecordedRun, type RecordedRun } from '../report/html/recorded-run.js';
import { UsageError } from './errors.js';
import { linesFromEnd } from '../sinks/files/lines-from-end.js';
import { inspectDestination } from '../sinks/files/destination.js';
import { writeFileAtomic, writeToStream } from '../sinks/files/write.js';
import type { OutputBoundary } from './output.js';

export interface ReportFlags {
  html?: string;
  last?: number;
}

export async function reportCommand(file: string, flags: ReportFlags, output: OutputBoundary): Promise<number> {
  if (!flags.html) throw new UsageError('report: say where to write the page: --html out.html');
  inspectDestination(flags.html, 'replace');
  const series = new HistorySeries();
  let skipped = 0;
  try {
    const add = (run: RecordedRun) => series.add(run);
    if (flags.last === undefined) await eachRun(file, add, () => skipped++);
    else for (const run of lastRuns(file, flags.last, () => skipped++)) add(run);
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${reason(err)}`);
  }
  if (!series.first || !series.last) throw new UsageError(`no runs recorded in ${file}${skipped > 0 ? ` (${skipped} malformed lines)` : ''}: nothing to report`);
  const incidents = series.incidents();
  const html = renderHtmlReport({
    file,
    runs: series.runs,
    skipped,
    vantages: [...series.vantages],
    first: series.first,
    last: series.last,
    charts: series.charts(),
    incidents,
    generatedAt: new Date(),
    chartLibrary: { js: uPlotJs, css: uPlotCss },
  });
  const destination = inspectDestination(flags.html, 'replace');
  if (destination.kind === 'stream') writeToStream(destination.path, html, destination.fifo);
  else writeFileAtomic(destination.path, html, destination.existing);
  output.write(process.stdout, `wrote ${flags.html}: ${series.runs} run${series.runs === 1 ? '' : 's'}, ${incidents.length} incident${incidents.length === 1 ? '' : 's'}\n`);
  return ExitCode.Ok;
}

/** Every run of the file, oldest first, line by line: a year of minute runs (~half a million) is never held at once. */
async function eachRun(file: string, onRun: (run: RecordedRun) => void, onSkip: () => void): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', reject);
  });
  await opened;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const run = parseRecordedRun(line);
    if (run) onRun(run);
    else onSkip();
  }
}

/** The last `n` runs, oldest first, read from the end of the file. */
function lastRuns(file: string, n: number, onSkip: () => void): RecordedRun[] {
  const runs: RecordedRun[] = [];
  for (const line of linesFromEnd(file)) {
    const run = parseRecordedRun(line);
    if (run) runs.push(run);
    else onSkip();
    if (runs.length >= n) break;
  }
  return runs.reverse();
}

function reason(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
