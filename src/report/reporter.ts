// What a reporter is: a pure function from the run's result to text. Where the text goes
// (stdout, a file written atomically) and redaction are the CLI's job, done once for all.
import type { RunResult } from '../model/result.js';

export interface RenderOptions {
  color: boolean;
  /** Terminal width to fit tables into. */
  columns: number;
  /**
   * The destination file's current text, for a reporter that carries totals from run to run
   * (Prometheus counters); null when there is none. Still a pure function: text in, text out.
   */
  previous?: string | null;
}

export interface Reporter {
  render(result: RunResult, options: RenderOptions): string;
}
