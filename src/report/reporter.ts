// What a reporter is: a pure function from the run's result to text. Where the text goes
// (stdout, a file written atomically) and redaction are the CLI's job, done once for all.
import type { RunResult } from '../model/result.js';

export interface RenderOptions {
  color: boolean;
  /** Terminal width to fit tables into. */
  columns: number;
}

export interface Reporter {
  render(result: RunResult, options: RenderOptions): string;
}
