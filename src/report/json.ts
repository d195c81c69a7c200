// The JSON report, exactly in SPEC's shape (schemaVersion 1). Fields may be added, never renamed.
import { TOOL_NAME, VERSION } from '../version.js';
import type { Diagnosis } from '../model/diagnosis.js';
import type { ProbeResult, RunResult } from '../model/result.js';
import { describeFailure } from './describe.js';
import type { Reporter } from './reporter.js';
import { worstLinksFirst } from './worst-links.js';

export const SCHEMA_VERSION = 1;

/** Rates keep four decimals: enough to tell 99.95% from 100%. */
function rate(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10000) / 10000;
}

function probeEntry(r: ProbeResult) {
  const { probe } = r;
  return {
    id: probe.id,
    kind: probe.kind,
    surface: probe.surface,
    tags: probe.tags,
    passed: r.passed,
    samples: r.samples,
    failedSamples: r.failedSamples,
    flakySamples: r.flakySamples,
    successRate: rate(r.successRate),
    latencyMs: r.latencyMs,
    latencyHistogram: r.latencyHistogram,
    phasesMs: r.phasesMs,
    httpVersion: r.httpVersion ?? null,
    tls: r.tls ?? null,
    failuresByClass: r.failuresByClass,
    thresholds: r.thresholds,
    errors: (probe.kind === 'links' ? worstLinksFirst(r.errors) : r.errors).map(({ example, count }) => ({
      class: example.failure.class,
      step: example.step,
      url: example.url,
      message: describeFailure(example.failure),
      count,
      ...(example.hops ? { hops: example.hops } : {}),
      detail: example.failure,
    })),
    ...(r.otherErrors > 0 ? { otherErrors: r.otherErrors } : {}),
    ...(r.kindData?.kind === 'flow' ? { steps: r.kindData.steps } : {}),
    ...(r.kindData?.kind === 'links' ? { links: { ...r.kindData.links, ...(r.kindData.checked ? { checked: r.kindData.checked } : {}) } } : {}),
    ...(r.kindData?.kind === 'dns' ? { dns: { server: r.kindData.server, rcode: r.kindData.rcode, answers: r.kindData.answers } } : {}),
    ...(r.kindData?.kind === 'tcp' ? { peer: r.kindData.peer } : {}),
  };
}

/** SPEC's diagnosis block; failure rates rounded as summary.surfaces' are, so the two agree. */
function diagnosisEntry(diagnosis: Diagnosis) {
  return {
    ...diagnosis,
    surfaces: Object.fromEntries(Object.entries(diagnosis.surfaces).map(([name, s]) => [name, { ...s, failureRate: rate(s.failureRate) }])),
  };
}

/** The report as a plain object (the record/history reporters reuse it). */
export function jsonReport(result: RunResult) {
  const { summary } = result;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    vantage: result.vantage,
    startedAt: result.startedAt.toISOString(),
    durationMs: Math.round(result.durationMs),
    exitCode: result.exitCode,
    interrupted: result.interrupted,
    summary: {
      ...summary,
      surfaces: Object.fromEntries(
        Object.entries(summary.surfaces).map(([name, s]) => [name, { ...s, failureRate: rate(s.failureRate) }]),
      ),
    },
    probes: result.probes.map(probeEntry),
    timingConfidence: result.timingConfidence,
    ...(result.diagnosis ? { diagnosis: diagnosisEntry(result.diagnosis) } : {}),
  };
}

/** The report's shape, for code (and tests) that read it back. */
export type JsonReport = ReturnType<typeof jsonReport>;

export const jsonReporter: Reporter = {
  render: (result) => `${JSON.stringify(jsonReport(result), null, 2)}\n`,
};

/** The same report on one line: `--record` appends one per run to a history file (NDJSON). */
export const recordReporter: Reporter = {
  render: (result) => `${JSON.stringify(jsonReport(result))}\n`,
};
