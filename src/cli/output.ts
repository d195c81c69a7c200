// The output boundary: everything upprobe prints passes through here, redacted. One boundary per
// process, made by main() and handed to each command: once a command knows the run's secrets it
// tells the boundary, and from then on nothing printed (or delivered by a sink) can contain them.
import { REPORT_ESCAPES } from '../report/escape.js';
import { createRedactor, redactValue, type Redactor } from '../secrets/redact.js';

/** Streams whose reader went away (`upprobe run | head`): writing more to them is pointless. */
const readerGone = new WeakSet<NodeJS.WritableStream>();

/**
 * Handles write errors of stdout and stderr: EPIPE means the reader stopped reading (`| head`),
 * which is its choice, not a failure of the run, so the rest of the output is dropped and the
 * exit code stays the run's own (as `yes | head` leaves head's alone). Any other error is
 * `otherwise`'s, unless the reader had gone already (writing on is what fails then).
 */
export function watchOutputStream(stream: NodeJS.WriteStream, otherwise: (err: Error) => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || readerGone.has(stream)) readerGone.add(stream);
    else otherwise(err);
  });
}

export class OutputBoundary {
  private current: Redactor = createRedactor([]);

  /** Registers the run's secrets; returns the redactor that masks them (in every reporter's escaping too). */
  useSecrets(secrets: readonly string[]): Redactor {
    this.current = createRedactor(secrets, REPORT_ESCAPES);
    return this.current;
  }

  write(stream: NodeJS.WritableStream, text: string): void {
    if (readerGone.has(stream)) return;
    stream.write(this.current(text));
  }

  /**
   * Text a reporter rendered from a `redacted` result: written as it is, since masking the whole
   * text again would mask numbers and words of the report itself (a secret `1`, `api`).
   */
  writeRendered(stream: NodeJS.WritableStream, text: string): void {
    if (readerGone.has(stream)) return;
    stream.write(text);
  }

  /** A run result (or any plain value) with secrets masked in every string value, before a reporter cuts any. */
  redacted<T>(value: T): T {
    return redactValue(value, this.current);
  }
}

/** Colour only on a TTY, without NO_COLOR, and unless --no-color (SPEC). */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return flag !== false && !noColor && stream.isTTY;
}

/** The terminal's width; off a terminal, $COLUMNS (as `ls` and `git` read it), else 120. */
export function terminalWidth(stream: NodeJS.WriteStream): number {
  const fromEnv = Number(process.env.COLUMNS);
  return stream.columns || (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 120);
}
