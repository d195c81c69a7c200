// deploy/prometheus: the rules load (`promtool check rules`), their unit tests pass
// (`promtool test rules`: one vantage failing, most failing, an impaired vantage, a stale one, a
// certificate), and they name only metrics upprobe writes.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promReporter } from '../../src/report/prom.js';
import { PROMTOOL_BIN } from '../helpers/prometheus.js';
import { skipWithout } from '../helpers/programs.js';
import { hostileRun, type HostileRun } from '../report/hostile-run.js';

const DIR = fileURLToPath(new URL('../../deploy/prometheus/', import.meta.url));
const RULES = `${DIR}upprobe.rules.yml`;
const SKIP = skipWithout(PROMTOOL_BIN, 'prometheus');

/**
 * Metrics the SPEC adds to `--prom` ("Many vantage points") that the rules may use before they
 * land, or that a run without controls does not write. Delete an entry once `--prom` writes it here.
 */
const SPEC_ADDITIONS = ['upprobe_prober_healthy', 'upprobe_surface_state'];

function promtool(...args: string[]) {
  const done = spawnSync(PROMTOOL_BIN, args, { cwd: DIR, encoding: 'utf8', timeout: 60_000 });
  if (done.error) throw new Error(`${PROMTOOL_BIN} did not run (apt-get install prometheus): ${done.error.message}`);
  return { status: done.status, output: `${done.stdout}${done.stderr}` };
}

describe.skipIf(SKIP)('the Prometheus rules, by promtool', () => {
  it('load: promtool check rules', () => {
    const checked = promtool('check', 'rules', RULES);
    expect(checked.output).toMatch(/SUCCESS: 10 rules found/);
    expect(checked.status).toBe(0);
  });

  it('and the example configuration that loads them: promtool check config', () => {
    const checked = promtool('check', 'config', 'prometheus.example.yml');
    expect(checked.output).toMatch(/SUCCESS: 10 rules found/);
    expect(checked.status).toBe(0);
  });

  it('pass their unit tests: promtool test rules', () => {
    const files = readdirSync(`${DIR}tests`).filter((f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThan(0);
    const tested = promtool('test', 'rules', ...files.map((f) => `tests/${f}`));
    expect(tested.output).not.toMatch(/FAILED/);
    expect(tested.status).toBe(0);
  });
});

describe('the rules and the metrics upprobe writes', () => {
  let run: HostileRun;
  let written: Set<string>;
  beforeAll(async () => {
    run = await hostileRun();
    const text = promReporter.render(run.result, { color: false, columns: 80, previous: null });
    written = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1] ?? ''));
  });
  afterAll(() => run.server.close());

  it('name no metric that upprobe does not write', () => {
    const used = new Set([...readFileSync(RULES, 'utf8').matchAll(/\bupprobe_[a-z_]+/g)].map((m) => m[0]));
    expect(used.size).toBeGreaterThan(3);
    const unknown = [...used].filter((name) => !written.has(name) && !SPEC_ADDITIONS.includes(name));
    expect(unknown).toEqual([]);
  });

  it('ship the three alerts the SPEC names', () => {
    const alerts = [...readFileSync(RULES, 'utf8').matchAll(/^\s*- alert: (\S+)/gm)].map((m) => m[1]);
    expect(alerts).toEqual(['UpprobeSurfaceDown', 'UpprobeVantageImpaired', 'UpprobeCertificateExpiring']);
  });
});
