// `upprobe watch`'s screen, as lines: per surface its state, a sparkline of recent runs and since
// when; the diagnosis headline; the failing probes with their top class; then the status lines the
// command supplies (countdown, progress, problems). Pure: the command owns the terminal.
import { Chalk, type ChalkInstance } from 'chalk';
import { headlineOf, type SurfaceState } from '../analysis/surface-state.js';
import type { StateWindow, WindowPoint } from '../analysis/state-window.js';
import type { RunResult } from '../model/result.js';
import { SURFACES } from '../model/surface.js';
import { percent } from './verdict.js';

export interface WatchView {
  /** `probes.yaml · every 30s`: what is watched how. */
  title: string;
  /** The last run that finished; null before the first. */
  result: RunResult | null;
  window: StateWindow;
  /** Lines under the rest: the countdown or the run in progress, notes, problems. */
  status: string[];
  now: Date;
}

export interface ScreenSize {
  color: boolean;
  columns: number;
  rows: number;
}

const BARS = '▁▂▃▄▅▆▇█';

function paint(c: ChalkInstance, state: SurfaceState, text: string): string {
  switch (state) {
    case 'up':
      return c.green(text);
    case 'degraded':
      return c.yellow(text);
    case 'down':
      return c.red(text);
    default:
      return c.dim(text);
  }
}

/** One bar per run: its failure rate, coloured by its state; `·` where the surface was not probed. */
function sparkline(c: ChalkInstance, points: readonly WindowPoint[]): string {
  return points
    .map((p) => {
      if (p.state === 'unprobed') return c.dim('·');
      const level = p.failureRate <= 0 ? 0 : Math.min(BARS.length - 1, Math.max(1, Math.ceil(p.failureRate * (BARS.length - 1))));
      return paint(c, p.state, BARS[level] ?? '');
    })
    .join('');
}

/** 15:04:05, local time: a person watching reads their own clock. */
export function clock(at: Date): string {
  return at.toTimeString().slice(0, 8);
}

/** 45s, 12m, 3h05m, 2d4h: how long a state has held. */
export function since(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${h % 24}h`;
}

export function renderWatch(view: WatchView, size: ScreenSize): string[] {
  const c = new Chalk({ level: size.color ? 1 : 0 });
  const lines: string[] = [];
  const right = clock(view.now);
  // The clock keeps its place at the right edge; the title gives way.
  const width = Math.max(0, size.columns - right.length - 1);
  const plain = `upprobe watch  ${view.title}`;
  const header = plain.length > width ? `${plain.slice(0, Math.max(0, width - 1))}…` : plain.padEnd(width);
  lines.push(`${c.bold(header.slice(0, 13))}${header.slice(13)} ${right}`);
  lines.push('');
  const result = view.result;
  if (result === null) {
    lines.push('waiting for the first run…');
  } else {
    // Bars fill what the line leaves: "api   degraded  <bars>  since 15:04:05 (12m)".
    const barWidth = Math.max(5, Math.min(view.window.points('api').length, size.columns - 44));
    for (const surface of SURFACES) {
      const current = view.window.current(surface);
      if (current === null) continue;
      const points = view.window.points(surface).slice(-barWidth);
      const word = current.state === 'up' ? 'up' : current.state.toUpperCase();
      const when = current.state === 'unprobed' ? 'not in this run' : `since ${clock(current.since)} (${since(view.now.getTime() - current.since.getTime())})`;
      const rate = result.summary.surfaces[surface].probes > 0 ? percent(result.summary.surfaces[surface].failureRate).padStart(5) : '     ';
      lines.push(`${surface.padEnd(4)}  ${paint(c, current.state, word.padEnd(9))}${rate}  ${sparkline(c, points)}  ${when}`);
    }
    const headline = headlineOf(result);
    if (headline) lines.push('', c.bold(headline));
    const failing = result.probes.filter((p) => !p.passed);
    lines.push('');
    if (failing.length === 0) lines.push(c.green(`all ${result.probes.length} probes passing`));
    else {
      lines.push(c.bold(`failing probes (${failing.length} of ${result.probes.length})`));
      const idWidth = Math.min(32, Math.max(...failing.map((p) => p.probe.id.length)));
      for (const p of failing) {
        const top = Object.entries(p.failuresByClass).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
        const cls = top ? top[0] : 'thresholds';
        lines.push(`  ${p.probe.id.padEnd(idWidth)}  ${p.probe.surface.padEnd(3)}  ${cls.padEnd(12)}  ${p.failedSamples}/${p.samples} samples failing`);
      }
    }
  }
  const status = view.status;
  // The status lines stay at the bottom; the failing probes give way when the terminal is short.
  const room = Math.max(1, size.rows - status.length - 1);
  const body = lines.length > room ? [...lines.slice(0, room - 1), c.dim(`… ${lines.length - room + 1} more lines (a taller terminal shows them)`)] : lines;
  return [...body, '', ...status];
}
