// Issue 15, item 2: a short or common secret (`1`, `true`, `api`) was masked in the finished
// text of every report, so `"schemaVersion": 1` became `***`, the Prometheus file broke (its
// counters restarted) and `history` dropped the runs. Values are redacted, not documents: keys,
// numbers and the report's own vocabulary survive; the secret is still in no value.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

/** Every string in a JSON value, with the key it sits under. */
function strings(value: unknown, key = ''): { key: string; text: string }[] {
  if (typeof value === 'string') return [{ key, text: value }];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

describe.each(['1', 'true', 'api'])('a secret %j', (secret) => {
  it('leaves the JSON report, the Prometheus file and the record whole, and shows in no value', async () => {
    // The server echoes the token it was sent, so the failure's excerpt carries the secret.
    const s = await keep(startHttpServer((req, res) => res.end(`token=${String(req.headers['x-token'])} done`)));
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - { id: echo, kind: http, surface: api, request: { url: /, headers: { x-token: "\${secret.TOKEN}" } }, expect: { body: { contains: "nope" } } }
  - { id: fine, kind: http, surface: web, request: { url: /ok } }
`);
    const dir = dirname(file);
    const [json, prom, record] = [join(dir, 'report.json'), join(dir, 'metrics.prom'), join(dir, 'history.ndjson')];
    const env = { TOKEN: secret };
    for (let run = 0; run < 2; run++) {
      const { code, stderr } = await runCli(['run', file, '--json', json, '--prom', prom, '--record', record], { env });
      expect(code, stderr).toBe(1);
    }

    const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.summary).toMatchObject({ probes: 2, failed: 1, samples: 2, failedSamples: 1 });
    expect(report.probes.map((p) => [p.id, p.surface, p.kind])).toEqual([['echo', 'api', 'http'], ['fine', 'web', 'http']]);
    expect(report.probes[0]?.failuresByClass).toEqual({ assertion: 1 });
    expect(report.probes[0]?.errors[0]?.message).toContain('token=*** done');
    // No free-text value holds the secret (ids, kinds, classes and other vocabulary are not secret-bearing).
    const vocabulary = new Set(['id', 'kind', 'surface', 'tags', 'class', 'check', 'name', 'phase', 'source', 'target', 'step', 'latencyHistogram', 'vantage']);
    const free = strings(report).filter(({ key }) => !vocabulary.has(key));
    for (const { key, text } of free) expect(text, key).not.toContain(`=${secret} `);
    // A word can be checked everywhere; "1" is in every timestamp, which no secret made.
    if (secret !== '1') for (const { key, text } of free) expect(text, key).not.toContain(secret);

    const families = parsePrometheusTextFormat(readFileSync(prom, 'utf8'));
    const runs = families.find((f) => f.name === 'upprobe_probe_samples_total');
    expect(runs?.metrics.map((m) => Number(m.value))).toEqual([2, 2]); // both runs counted: the totals carried over

    const { code, stdout } = await runCli(['history', record]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/skipped/);
    expect(stdout.match(/FAIL/g)).toHaveLength(2);
  });
});
