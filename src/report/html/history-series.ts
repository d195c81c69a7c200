// A run history turned into what the HTML page charts, one run at a time: per surface the failure
// rate and state, per probe p50/p95, and the incidents. Long histories are bucketed for the charts
// (a year of minute runs is 525,600 points; a chart shows at most MAX_POINTS), the incidents are not.
import { SURFACES, type Surface } from '../../model/surface.js';
import { IncidentTracker, type Incident, type SurfacePoint, type SurfaceState } from '../../analysis/incidents.js';
import { derivedState } from '../../analysis/surface-state.js';
import type { RecordedRun } from './recorded-run.js';

/** Points per chart: more than a wide screen has pixels, few enough to draw at once. */
export const MAX_POINTS = 2000;

type Series = (number | null)[];

export interface ProbeSeries {
  id: string;
  surface: Surface;
  p50: Series;
  p95: Series;
}

/** What the page shows; every series has one value per time. */
export interface HistoryCharts {
  /** Unix seconds of each point (its bucket's first run). */
  times: number[];
  /** Runs per point: 1 unless the history was bucketed. */
  bucket: number;
  failurePercent: Record<Surface, Series>;
  probes: ProbeSeries[];
}

export class HistorySeries {
  private readonly times: number[] = [];
  private readonly failure: Record<Surface, Series> = { api: [], web: [] };
  private readonly probes = new Map<string, ProbeSeries>();
  private readonly trackers = Object.fromEntries(SURFACES.map((s) => [s, new IncidentTracker(s)])) as Record<Surface, IncidentTracker>;
  readonly vantages = new Set<string>();
  first: RecordedRun | null = null;
  last: RecordedRun | null = null;

  get runs(): number {
    return this.times.length;
  }

  /** Adds the next run (oldest first). */
  add(run: RecordedRun): void {
    const index = this.times.length;
    this.times.push(Date.parse(run.startedAt) / 1000);
    this.first ??= run;
    this.last = run;
    if (run.vantage !== null) this.vantages.add(run.vantage);
    for (const surface of SURFACES) {
      const point = surfacePoint(run, surface);
      this.failure[surface].push(point.state === 'unprobed' ? null : round(point.failureRate * 100));
      this.trackers[surface].add(run.startedAt, point);
    }
    for (const probe of run.probes) {
      let series = this.probes.get(probe.id);
      if (!series) {
        series = { id: probe.id, surface: probe.surface, p50: new Array<null>(index).fill(null), p95: new Array<null>(index).fill(null) };
        this.probes.set(probe.id, series);
      }
      pad(series, index);
      series.p50.push(probe.latencyMs ? probe.latencyMs.p50 : null);
      series.p95.push(probe.latencyMs ? probe.latencyMs.p95 : null);
    }
  }

  incidents(): Incident[] {
    return SURFACES.flatMap((s) => this.trackers[s].incidents()).sort((a, b) => a.start.localeCompare(b.start));
  }

  /** The series for the charts, bucketed to at most MAX_POINTS points. */
  charts(): HistoryCharts {
    const n = this.times.length;
    const bucket = Math.max(1, Math.ceil(n / MAX_POINTS));
    const probes = [...this.probes.values()];
    for (const p of probes) pad(p, n);
    return {
      bucket,
      times: bucketed(this.times, bucket, (xs) => xs[0] ?? null) as number[],
      // A bucket shows its worst failure rate and p95, so a one-minute outage in a year still shows.
      failurePercent: Object.fromEntries(SURFACES.map((s) => [s, bucketed(this.failure[s], bucket, max)])) as Record<Surface, Series>,
      probes: probes.map((p) => ({ ...p, p50: bucketed(p.p50, bucket, mean), p95: bucketed(p.p95, bucket, max) })),
    };
  }
}

/** A surface in one run: its diagnosis state and layer when the run had a diagnosis, else derived as the diagnosis would. */
function surfacePoint(run: RecordedRun, surface: Surface): SurfacePoint {
  const s = run.summary.surfaces[surface];
  if (s.probes === 0) return { state: 'unprobed', failureRate: 0, cause: null };
  const diagnosed = run.diagnosis?.surfaces?.[surface];
  const derived = derivedState(s);
  const state = isState(diagnosed?.state) ? diagnosed.state : derived;
  return { state, failureRate: s.failureRate, cause: diagnosed?.layer ?? topClass(s.failuresByClass) };
}

function isState(value: string | undefined): value is SurfaceState {
  return value === 'up' || value === 'degraded' || value === 'down' || value === 'unprobed';
}

function topClass(counts: Record<string, number> | undefined): string | null {
  let best: string | null = null;
  for (const [name, n] of Object.entries(counts ?? {})) if (n > 0 && (best === null || n > (counts?.[best] ?? 0))) best = name;
  return best;
}

function pad(series: ProbeSeries, length: number): void {
  while (series.p50.length < length) {
    series.p50.push(null);
    series.p95.push(null);
  }
}

function bucketed(values: readonly (number | null)[], size: number, pick: (xs: number[]) => number | null): Series {
  if (size === 1) return [...values];
  const out: Series = [];
  for (let i = 0; i < values.length; i += size) {
    const xs = values.slice(i, i + size).filter((v): v is number => v !== null);
    out.push(xs.length === 0 ? null : pick(xs));
  }
  return out;
}

function max(xs: number[]): number {
  return xs.reduce((a, b) => (b > a ? b : a), -Infinity);
}

function mean(xs: number[]): number {
  return round(xs.reduce((a, b) => a + b, 0) / xs.length);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
