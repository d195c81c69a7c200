// The merge of several vantages' reports: quorum forms, impaired vantages, regional vs global.
import { describe, expect, it } from 'vitest';
import { meetsQuorum, mergeReports, parseQuorum, type VantageRun } from '../../src/analysis/merge.js';
import { MergeInputError, parseReport, parseReportFile, type ProbeInput, type RunReportInput } from '../../src/analysis/merge-input.js';
import { encodeHistogram } from '../../src/analysis/hdr-codec.js';
import { LatencyHistogram } from '../../src/run/latency-histogram.js';

const TOOL = { name: 'upprobe', version: 'test' };
const NOW = new Date('2026-03-10T10:05:00Z');

function probe(id: string, surface: 'api' | 'web', passed: boolean, latencies: number[] = [10, 20, 30]): ProbeInput {
  const h = new LatencyHistogram();
  for (const ms of latencies) h.record(ms);
  return {
    id, kind: 'http', surface, passed,
    samples: latencies.length, failedSamples: passed ? 0 : latencies.length, successRate: passed ? 1 : 0,
    latencyMs: h.summary(), latencyHistogram: h.encoded(encodeHistogram), failuresByClass: passed ? {} : { http_5xx: latencies.length },
  };
}

/** A vantage's report: which surfaces fail there, and whether its prober was healthy. */
function vantage(name: string, failing: ('api' | 'web')[], opts: { healthy?: boolean | null; layer?: string } = {}): VantageRun {
  const report: RunReportInput = {
    schemaVersion: 1, vantage: name, startedAt: '2026-03-10T10:00:00.000Z', exitCode: failing.length > 0 ? 1 : 0,
    probes: [probe('api-timeline', 'api', !failing.includes('api')), probe('web-home', 'web', !failing.includes('web'))],
    diagnosis: {
      prober: { healthy: opts.healthy === undefined ? null : opts.healthy },
      surfaces: Object.fromEntries(failing.map((s) => [s, { state: 'down', layer: opts.layer ?? 'origin' }])),
      headline: '',
    },
  };
  return { name, file: `${name}.json`, report };
}

describe('quorum', () => {
  it('parses the four forms and nothing else', () => {
    expect(['majority', 'any', 'all', '2'].map(parseQuorum)).toEqual(['majority', 'any', 'all', 2]);
    expect(['0', '-1', '1.5', 'most', ''].map(parseQuorum)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('majority is more than half; any one; all every; N at least N', () => {
    expect([meetsQuorum('majority', 1, 2), meetsQuorum('majority', 2, 3), meetsQuorum('majority', 2, 4)]).toEqual([false, true, false]);
    expect([meetsQuorum('any', 1, 9), meetsQuorum('any', 0, 9)]).toEqual([true, false]);
    expect([meetsQuorum('all', 3, 3), meetsQuorum('all', 2, 3)]).toEqual([true, false]);
    expect([meetsQuorum(2, 2, 5), meetsQuorum(2, 1, 5), meetsQuorum(4, 3, 3)]).toEqual([true, false, false]);
  });
});

describe('mergeReports', () => {
  it('one vantage of three failing is regional: named, but the quorum says up (exit 0)', () => {
    const merged = mergeReports([vantage('fra1', []), vantage('iad1', ['api'], { layer: 'network' }), vantage('sin1', [])], 'majority', TOOL, NOW);
    expect(merged.surfaces.api).toEqual({ state: 'failing', scope: 'regional', layer: 'network', failingVantages: ['iad1'], healthyVantages: 3, impairedVantages: [] });
    expect(merged.surfaces.web.state).toBe('up');
    expect(merged.exitCode).toBe(0);
    expect(merged.diagnosis.headline).toBe('api failing from 1 of 3 vantages (iad1): regional, at the network · web up');
  });

  it('two of three failing meets the majority: global, exit 1; with --quorum all it is regional', () => {
    const runs = [vantage('fra1', ['api']), vantage('iad1', ['api']), vantage('sin1', [])];
    const majority = mergeReports(runs, 'majority', TOOL, NOW);
    expect(majority.surfaces.api.scope).toBe('global');
    expect(majority.exitCode).toBe(1);
    expect(majority.diagnosis.headline).toBe('api failing from 2 of 3 vantages (fra1 iad1): global, at the origin · web up');
    expect(mergeReports(runs, 'all', TOOL, NOW).exitCode).toBe(0);
    expect(mergeReports(runs, 'any', TOOL, NOW).surfaces.api.scope).toBe('global');
    expect(mergeReports(runs, 3, TOOL, NOW).surfaces.api.scope).toBe('regional');
  });

  it('leaves an impaired vantage out of the quorum and lists it', () => {
    const runs = [vantage('fra1', ['api']), vantage('iad1', []), vantage('sin1', ['api', 'web'], { healthy: false })];
    const merged = mergeReports(runs, 'majority', TOOL, NOW);
    expect(merged.surfaces.api).toMatchObject({ state: 'failing', scope: 'regional', failingVantages: ['fra1'], healthyVantages: 2, impairedVantages: ['sin1'] });
    expect(merged.surfaces.web).toMatchObject({ state: 'up', impairedVantages: ['sin1'] });
    expect(merged.vantages.map((v) => [v.name, v.healthy])).toEqual([['fra1', true], ['iad1', true], ['sin1', false]]);
    expect(merged.exitCode).toBe(0);
    expect(merged.diagnosis.headline).toMatch(/1 vantage impaired \(sin1\)$/);
    // Its numbers are shown per vantage but not merged.
    const api = merged.probes.find((p) => p.id === 'api-timeline')!;
    expect(api.byVantage.sin1).toMatchObject({ impaired: true, passed: false });
    expect(api.samples).toBe(6);
  });

  it('with no healthy vantage it is inconclusive (exit 4), not a verdict on the service', () => {
    const merged = mergeReports([vantage('fra1', ['api'], { healthy: false }), vantage('iad1', ['api'], { healthy: false })], 'majority', TOOL, NOW);
    expect(merged.exitCode).toBe(4);
    expect(merged.surfaces.api.state).toBe('unknown');
    expect(merged.diagnosis.headline).toMatch(/^no healthy vantage \(fra1 iad1 impaired\)/);
  });

  it('a surface no vantage probed is unprobed', () => {
    const run = vantage('fra1', []);
    run.report.probes = run.report.probes.filter((p) => p.surface === 'api');
    expect(mergeReports([run], 'majority', TOOL, NOW).surfaces.web).toMatchObject({ state: 'unprobed', scope: null, healthyVantages: 0 });
  });

  it('merges latencies exactly across vantages, and not at all when a report has no histogram', () => {
    const a = vantage('fra1', []);
    const b = vantage('iad1', []);
    b.report.probes[0] = probe('api-timeline', 'api', true, [100, 200]);
    const merged = mergeReports([a, b], 'majority', TOOL, NOW).probes.find((p) => p.id === 'api-timeline')!;
    expect(merged.samples).toBe(5);
    expect(merged.latencyMs).toMatchObject({ min: 10, max: 200, p50: 30 });
    b.report.probes[0].latencyHistogram = undefined;
    expect(mergeReports([a, b], 'majority', TOOL, NOW).probes.find((p) => p.id === 'api-timeline')!.latencyMs).toBeNull();
  });
});

describe('reading reports', () => {
  it('refuses what is not a run report, saying why', () => {
    expect(() => parseReport([])).toThrow(MergeInputError);
    expect(() => parseReport({ hello: 1 })).toThrow(/no schemaVersion/);
    expect(() => parseReport({ schemaVersion: 2 })).toThrow(/schemaVersion 2 is newer than this upprobe reads \(1\)/);
    expect(() => parseReport({ schemaVersion: 1, kind: 'merge' })).toThrow(/merged report/);
    expect(() => parseReport({ schemaVersion: 1, vantage: null, startedAt: 'yesterday' })).toThrow(/not an upprobe report/);
  });

  it('reads a JSON document as one report and NDJSON as one per line, skipping torn lines', () => {
    const report = vantage('fra1', []).report;
    expect(parseReportFile(JSON.stringify(report, null, 2)).reports).toHaveLength(1);
    const lines = `${JSON.stringify(report)}\n{"torn\n${JSON.stringify({ ...report, startedAt: '2026-03-10T10:01:00.000Z' })}\n`;
    const { reports, skipped } = parseReportFile(lines);
    expect(reports.map((r) => r.startedAt)).toEqual(['2026-03-10T10:00:00.000Z', '2026-03-10T10:01:00.000Z']);
    expect(skipped).toBe(1);
    expect(() => parseReportFile('')).toThrow(/empty/);
    expect(() => parseReportFile('not json\nat all\n')).toThrow(/no report in it/);
  });
});
