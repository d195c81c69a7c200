// Phase timings of one sample, in milliseconds. null means "not measured": a reused connection has
// no connect phase, plain HTTP has no TLS phase, an IP literal needs no DNS lookup.

export const PHASES = ['dns', 'connect', 'tls', 'ttfb'] as const;
export type TimedPhase = (typeof PHASES)[number];

export type PhaseTimings = Record<TimedPhase, number | null>;

export function emptyPhases(): PhaseTimings {
  return { dns: null, connect: null, tls: null, ttfb: null };
}

/** Adds b into a: a sample that follows redirects spends time in each phase of each hop. */
export function addPhases(a: PhaseTimings, b: PhaseTimings): PhaseTimings {
  const sum = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : x + y);
  return { dns: sum(a.dns, b.dns), connect: sum(a.connect, b.connect), tls: sum(a.tls, b.tls), ttfb: sum(a.ttfb, b.ttfb) };
}

/** SPEC: latencies are milliseconds with at most one decimal. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
