// Debian's tmux as a real terminal for tests: a detached session on a private server socket, keys
// sent as a person types them, the screen read back with capture-pane. In CI a missing tmux fails
// the test; elsewhere it skips, saying so.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export function haveTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('tmux is missing: .ci/run installs Debian\'s tmux');
    console.warn('skipping terminal tests: tmux not found (apt-get install tmux)');
    return false;
  }
}

export interface TmuxSession {
  /** Types a line into the shell and presses Enter. */
  type(line: string): void;
  keys(...keys: string[]): void;
  /** The visible screen as text. */
  capture(): string;
  /** A tmux format read for the pane, e.g. `#{alternate_on}`. */
  format(format: string): string;
  resize(columns: number, rows: number): void;
  /** Polls the screen until `test` passes; throws with the last screen when it never does. */
  waitFor(test: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  kill(): void;
}

/** A shell (bash, no rc files, prompt `shell$ `) in a detached session of the given size. */
export function startTmux(columns: number, rows: number, env: Record<string, string> = {}): TmuxSession {
  const socket = `upprobe-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const exports = Object.entries({ PS1: 'shell$ ', ...env }).map(([k, v]) => `${k}='${v}'`);
  tmux('new-session', '-d', '-s', 'test', '-x', String(columns), '-y', String(rows), `env ${exports.join(' ')} bash --norc --noprofile`);
  const session: TmuxSession = {
    type: (line) => {
      tmux('send-keys', '-t', 'test', '-l', line);
      tmux('send-keys', '-t', 'test', 'Enter');
    },
    keys: (...keys) => void tmux('send-keys', '-t', 'test', ...keys),
    capture: () => tmux('capture-pane', '-p', '-t', 'test'),
    format: (format) => tmux('display-message', '-p', '-t', 'test', format).trim(),
    resize: (x, y) => void tmux('resize-window', '-t', 'test', '-x', String(x), '-y', String(y)),
    async waitFor(test, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      let screen = '';
      while (Date.now() < until) {
        screen = session.capture();
        if (test(screen)) return screen;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the terminal never showed ${what}; last screen:\n${screen}`);
    },
    kill: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return session;
}
