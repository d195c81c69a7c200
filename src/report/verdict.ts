// The one-line verdict: what a person (or a cron mail) reads first, and what --quiet prints.
import { ExitCode } from '../model/exit-codes.js';
import type { RunResult } from '../model/result.js';
import { SURFACES } from '../model/surface.js';

export function verdictLine(result: RunResult): string {
  const { summary } = result;
  // Failures while the prober's own controls failed too are reported, not blamed: INCONCLUSIVE.
  const word = result.interrupted ? 'INTERRUPTED' : result.exitCode === ExitCode.Inconclusive ? 'INCONCLUSIVE' : summary.failed > 0 ? 'FAIL' : 'PASS';
  const counted = summary.failed > 0 ? `${summary.failed}/${summary.probes} probes failing` : `${summary.probes}/${summary.probes} probes passing`;
  // The share of failing samples per surface (SPEC's verdict), then the diagnosis's headline,
  // which says per surface what the percentages only hint at: which layer, and whether the prober is to blame.
  const surfaces = SURFACES.filter((s) => summary.surfaces[s].probes > 0).map((s, i) => {
    const pct = percent(summary.surfaces[s].failureRate);
    return i === 0 ? `${s} ${pct} of samples failing` : `${s} ${pct}`;
  });
  if (result.diagnosis) surfaces.push(result.diagnosis.headline);
  // Samples that passed only on a retry: the gate tolerates them, the reader should still see them.
  const flaky = summary.flakySamples > 0 ? [`${summary.flakySamples} flaky`] : [];
  return [`${word} ${counted}`, ...surfaces, ...flaky, `exit ${result.exitCode}`].join(' · ');
}

/** 0%, 3.3%, 45%, 100%: one decimal only where it matters. */
export function percent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0 || pct === 100 || pct >= 10) return `${Math.round(pct)}%`;
  return `${Math.round(pct * 10) / 10}%`;
}
