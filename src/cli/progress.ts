// The progress line of a long run: samples done of total, probes failing so far, elapsed. On stderr,
// only on a terminal, redrawn in place from a timer (never per sample: the sample path stays as
// cheap as without it), and erased before the tables are printed.
import type { SampleOutcome } from '../model/sample.js';
import type { ProbeConfig } from '../probes/probe-config.js';
import type { SampleListener } from '../probes/runner.js';

/** Nothing shows for a run shorter than this. */
const SHOW_AFTER_MS = 1000;
/** A calm redraw rate: fast enough to see it move, slow enough to cost nothing. */
const REDRAW_MS = 250;

/** How many samples a probe will take: known for http and flow, bounded for listed links, unknown for links read from a page. */
function expectedSamples(probe: ProbeConfig): { count: number; exact: boolean } | null {
  if (probe.kind !== 'links') return { count: probe.samples, exact: true };
  if (probe.links.fromPage !== null) return null;
  // Listed links: at most this many (repeats are checked once).
  return { count: Math.min(probe.links.urls.length, probe.links.limit), exact: false };
}

/** Counts what the run recorded so far; the numbers the progress line and `watch`'s status line show. */
export class RunProgress {
  private done = 0;
  private readonly failing = new Set<number>();
  private readonly startedAt = performance.now();
  /** The samples known before the run: every probe's but those whose count is discovered (a links probe reading its page). */
  readonly total: number;
  /** Some probe's count is discovered as it runs: more than `total` may come. */
  readonly open: boolean;
  /** The total is an upper bound, not exact (listed links, checked once each). */
  readonly approximate: boolean;

  constructor(probes: readonly ProbeConfig[]) {
    const expected = probes.map(expectedSamples);
    this.total = expected.reduce((n, e) => n + (e?.count ?? 0), 0);
    this.open = expected.some((e) => e === null);
    this.approximate = expected.some((e) => e !== null && !e.exact);
  }

  /** The run's sample hook: two counter updates, nothing drawn here. */
  readonly onSample: SampleListener = (probe: number, outcome: SampleOutcome) => {
    this.done++;
    if (outcome.failure !== null) this.failing.add(probe);
  };

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /**
   * `412/1000 samples · 2 probes failing · 12s`: the total is `~1000` when it is an upper bound
   * (listed links), `1000+` when a links probe will add the links its page holds.
   */
  line(): string {
    const total = this.total === 0 && this.open ? '' : `/${this.approximate ? '~' : ''}${this.total}${this.open ? '+' : ''}`;
    const failing = this.failing.size === 0 ? 'no probe failing' : `${this.failing.size} probe${this.failing.size === 1 ? '' : 's'} failing`;
    return `${this.done}${total} samples · ${failing} · ${formatElapsed(this.elapsedMs())}`;
  }
}

/** 12s, 3m05s: elapsed time at the precision a person watching needs. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** Draws a RunProgress on a terminal stream in place; `stop()` erases it. */
export class ProgressLine {
  private timer: NodeJS.Timeout | null = null;
  private drawn = false;

  constructor(
    private readonly progress: RunProgress,
    private readonly stream: NodeJS.WriteStream,
    private readonly write: (text: string) => void,
  ) {}

  /** Starts drawing after a second; the timers never keep the process alive. */
  start(): this {
    this.timer = setTimeout(() => {
      this.draw();
      this.timer = setInterval(() => this.draw(), REDRAW_MS).unref();
    }, SHOW_AFTER_MS).unref();
    return this;
  }

  /** Stops drawing and erases the line, so the tables start on a clean line. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer); // clears an interval too
    this.timer = null;
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(): void {
    // Cut to the terminal's width: a wrapped line could not be erased with one carriage return.
    const width = Math.max(10, (this.stream.columns || 80) - 1);
    this.write(`\r\x1b[K${`upprobe: ${this.progress.line()}`.slice(0, width)}`);
    this.drawn = true;
  }
}

/** A progress line for this run, or null: only on a terminal, never with --quiet. */
export function progressFor(probes: readonly ProbeConfig[], stream: NodeJS.WriteStream, quiet: boolean | undefined, write: (text: string) => void): { progress: RunProgress; line: ProgressLine } | null {
  if (quiet || !stream.isTTY) return null;
  const progress = new RunProgress(probes);
  return { progress, line: new ProgressLine(progress, stream, write) };
}
