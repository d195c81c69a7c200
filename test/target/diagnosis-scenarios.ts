// docs/diagnosis.md's scenario table is a promise: the demo run for a scenario must diagnose what
// its row says. Each scenario is the demo in-process (the target, the shipped probes.yaml with
// the demo's environment, one run): test/cli/demo.test.ts runs the CLI itself. Three spec files
// (diagnosis-scenarios-*.test.ts) share the scenarios, so their runs spread over the test workers.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { demoEnv, SHIPPED_PROBES } from '../../src/cli/demo-command.js';
import { loadConfig } from '../../src/probes/load.js';
import { runProbes } from '../../src/run/run.js';
import { SCENARIOS, type ScenarioName } from '../../src/target/scenario-names.js';
import { startTarget } from '../../src/target/server.js';

interface Row {
  api: string;
  web: string;
  consistentWith: string[];
  exit: number;
}

const doc = readFileSync(new URL('../../docs/diagnosis.md', import.meta.url), 'utf8');
/** The table's rows, by scenario. */
export const table = new Map<string, Row>();
for (const line of doc.split('\n')) {
  const cells = /^\| `([a-z-]+)` \| (.+) \| (.+) \| (.+) \| (\d) \|$/.exec(line);
  if (!cells) continue;
  const [, scenario = '', api = '', web = '', consistentWith = '', exit = ''] = cells;
  table.set(scenario, { api, web, consistentWith: consistentWith === '—' ? [] : consistentWith.split('; '), exit: Number(exit) });
}

function cell(surface: { state: string; layer: string | null } | undefined): string {
  if (!surface) return 'missing';
  return surface.layer === null ? surface.state : `${surface.state} / ${surface.layer}`;
}

/** Runs the demo for one scenario and expects the table's row. */
export async function expectScenarioRow(scenario: ScenarioName): Promise<void> {
  const target = await startTarget({ scenario });
  let report;
  try {
    const config = await loadConfig(SHIPPED_PROBES, { baseUrl: target.url }, demoEnv(target, {}));
    report = await runProbes(config, { interrupt: new AbortController().signal });
  } finally {
    await target.close();
  }
  const code = report.exitCode;
  const diagnosis = report.diagnosis;
  const expected = table.get(scenario);
  expect(diagnosis?.prober).toMatchObject({ healthy: true, controls: { passed: 2, total: 2 } });
  const actual = { api: cell(diagnosis?.surfaces.api), web: cell(diagnosis?.surfaces.web), consistentWith: diagnosis?.consistentWith, exit: code };
  // On a machine so busy that upprobe's own timings are flagged as distorted, a surface the
  // scenario leaves healthy can come out slow: that is the machine, not the table.
  if (report.timingConfidence.distorted && expected) {
    for (const surface of ['api', 'web'] as const) {
      if (expected[surface] === 'up' && actual[surface] === 'degraded / latency') actual[surface] = 'up';
    }
    const slowOnly = (text: string) => (text.startsWith('slowness') || text.startsWith('one fault shared')) && !expected.consistentWith.includes(text);
    actual.consistentWith = actual.consistentWith?.filter((text) => !slowOnly(text));
    if (expected.exit === 0 && actual.exit === 1 && actual.api === 'up' && actual.web === 'up') actual.exit = 0;
  }
  expect(actual).toEqual(expected);
}

/** The scenarios of one of the three spec files (`part` 0, 1 or 2). */
export function scenariosOfPart(part: number): ScenarioName[] {
  return SCENARIOS.filter((_, i) => i % 3 === part);
}
