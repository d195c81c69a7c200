// Every report upprobe writes besides the terminal's, and how. Adding a reporter: write its
// module in src/report/, then add one line here (its flag, --help text, and write mode).
import { jsonReporter, recordReporter } from '../report/json.js';
import { junitReporter } from '../report/junit.js';
import { markdownReporter } from '../report/markdown.js';
import { promReporter } from '../report/prom.js';
import type { Reporter } from '../report/reporter.js';

/** Where a file reporter's path comes from: a `run` flag, or an environment variable CI sets. */
export type ReportSource = { flag: string } | { env: string };

/** A reporter whose text goes to a file, and how that file is named and written. */
export interface FileReporter {
  source: ReportSource;
  /** The --help line (for an env source, README documents it). */
  description: string;
  reporter: Reporter;
  /**
   * replace: a temporary file renamed into place (readers see the old file or the new, never half);
   * append: one write to the end of the file (two overlapping runs leave two whole entries).
   */
  write: 'replace' | 'append';
  /** The flag alone, or `-`, means stdout (tables then go to stderr). */
  stdout?: boolean;
  /** The reporter is handed the file's current text (Prometheus counters carry their totals). */
  carriesTotals?: boolean;
}

/** The registry: one line per file reporter; the flags, checks and writes all follow from it. */
export const FILE_REPORTERS: readonly FileReporter[] = [
  { source: { flag: 'json' }, description: 'write the JSON report to path, or to stdout when no path or - is given (tables then go to stderr)', reporter: jsonReporter, write: 'replace', stdout: true },
  { source: { flag: 'junit' }, description: 'write a JUnit XML report to path: a testsuite per surface, a testcase per probe (CI test reports)', reporter: junitReporter, write: 'replace' },
  { source: { flag: 'prom' }, description: 'write Prometheus metrics to path (node_exporter textfile collector); counters add up across runs', reporter: promReporter, write: 'replace', carriesTotals: true },
  { source: { flag: 'record' }, description: 'append the JSON report as one line to path, a run history that `upprobe history` reads', reporter: recordReporter, write: 'append' },
  { source: { env: 'GITHUB_STEP_SUMMARY' }, description: 'a Markdown summary appended to the file GitHub Actions names', reporter: markdownReporter, write: 'append' },
];
