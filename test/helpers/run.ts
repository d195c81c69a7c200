// Runs a probes file's text in-process against real servers: the RunResult every reporter reads.
import { parseConfig } from '../../src/probes/load.js';
import type { RunResult } from '../../src/model/result.js';
import { runProbes } from '../../src/run/run.js';

export async function runYaml(yaml: string, interrupt = new AbortController().signal): Promise<RunResult> {
  const config = parseConfig(yaml, 'probes.yaml', {}, {});
  return runProbes(config, { interrupt });
}
