// How the CLI fails: a one-line message and an exit code, never a stack trace unless asked for.
import { ExitCode } from '../model/exit-codes.js';
import { escapeTerminal } from '../report/escape.js';
import type { OutputBoundary } from './output.js';

/** A mistake in how upprobe was called (exit 2); the message says what and where. */
export class UsageError extends Error {}

/** A bug: one line, the stack only with DEBUG=upprobe (SPEC exit 3). */
export function failInternal(err: unknown, output: OutputBoundary): void {
  const message = err instanceof Error ? err.message : String(err);
  const debug = (process.env.DEBUG ?? '').split(',').some((d) => d.trim() === 'upprobe' || d.trim() === '*');
  // Through the output boundary: an error's message may quote a request, and so a secret.
  output.write(process.stderr, `upprobe: internal error: ${escapeTerminal(message.split('\n')[0] ?? '')}${debug ? '' : ' (run with DEBUG=upprobe for the stack)'}\n`);
  if (debug && err instanceof Error && err.stack) output.write(process.stderr, `${err.stack}\n`);
  process.exitCode = ExitCode.Internal;
  // A bug may have left sockets or timers behind; do not let them keep the process alive.
  setTimeout(() => process.exit(ExitCode.Internal), 100).unref();
}
