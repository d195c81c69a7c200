// Shared helpers for the config tests: build YAML line by line (so line numbers are easy to
// count) and collect the formatted problems a text produces.
import { ConfigError, formatProblem, parseConfig } from '../../src/probes/load.js';
import type { ConfigOverrides } from '../../src/config/types.js';
import type { HttpProbe } from '../../src/probes/http/schema.js';
import type { RunConfig } from '../../src/probes/probe-config.js';

export const FILE = 'probes.yaml';

/** YAML from lines: the first argument is line 1. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** Every problem `parseConfig` reports for the text, formatted; [] when it loads. */
export function problemsOf(text: string, overrides: ConfigOverrides = {}, env: Record<string, string | undefined> = {}): string[] {
  try {
    parseConfig(text, FILE, overrides, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
}

/** Loads text that must be valid. */
export function load(text: string, overrides: ConfigOverrides = {}, env: Record<string, string | undefined> = {}): RunConfig {
  return parseConfig(text, FILE, overrides, env);
}

/** Every probe of a config, which must all be http probes. */
export function httpProbes(config: RunConfig): HttpProbe[] {
  return config.probes.map((probe) => {
    if (probe.kind !== 'http') throw new Error(`expected an http probe, got ${probe.kind}`);
    return probe;
  });
}

/** The one probe of a config, as an http probe. */
export function onlyProbe(config: RunConfig): HttpProbe {
  const [probe] = httpProbes(config);
  if (config.probes.length !== 1 || !probe) throw new Error(`expected one http probe, got ${config.probes.length} probes`);
  return probe;
}

/** A minimal valid file around one probe's extra lines (indented 4, starting on line 7). */
export function withProbe(...probeLines: string[]): string {
  return lines('version: 1', 'defaults:', '  baseUrl: https://example.com', 'probes:', '  - id: p', '    surface: api', ...probeLines);
}
