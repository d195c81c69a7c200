// The alternate screen `watch` draws on: entered once, redrawn in place (only when the frame
// changed), and always left again, on exit, Ctrl-C, SIGTERM or a crash, so the shell comes back
// as it was. Lines are cut to the terminal's width so nothing wraps and scrolls the frame.

const ENTER = '\x1b[?1049h\x1b[?25l'; // alternate screen, cursor hidden
const LEAVE = '\x1b[?25h\x1b[?1049l'; // cursor shown, primary screen back
const HOME = '\x1b[H';
const CLEAR_LINE = '\x1b[K';
const CLEAR_BELOW = '\x1b[J';
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/y;

/** The line cut to `width` visible characters; colour escapes are kept and closed. */
export function fitLine(line: string, width: number): string {
  let out = '';
  let visible = 0;
  for (let i = 0; i < line.length; ) {
    ESCAPE.lastIndex = i;
    const escape = ESCAPE.exec(line);
    if (escape) {
      out += escape[0];
      i += escape[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i) ?? 32);
    if (visible >= width) return `${out}\x1b[0m`;
    out += ch;
    visible++;
    i += ch.length;
  }
  return out;
}

export class TerminalScreen {
  private active = false;
  private last = '';
  private readonly leaveOnExit = () => this.leave();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly write: (text: string) => void,
  ) {}

  get columns(): number {
    return this.stream.columns || 80;
  }

  get rows(): number {
    return this.stream.rows || 24;
  }

  enter(): void {
    if (this.active) return;
    this.active = true;
    // Whatever ends the process, the terminal is given back (TTY writes are synchronous).
    process.once('exit', this.leaveOnExit);
    this.write(ENTER);
  }

  /** Draws the frame over the previous one; an unchanged frame is not sent again unless `force`. */
  draw(lines: string[], force = false): void {
    if (!this.active) return;
    const frame = lines.slice(0, this.rows).map((line) => fitLine(line, this.columns) + CLEAR_LINE).join('\r\n');
    if (frame === this.last && !force) return;
    this.last = frame;
    this.write(HOME + frame + CLEAR_BELOW);
  }

  leave(): void {
    if (!this.active) return;
    this.active = false;
    process.off('exit', this.leaveOnExit);
    this.write(LEAVE);
  }
}
