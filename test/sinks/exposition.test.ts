// The exposition reader the pushes use, checked against a second, independent parser on a real
// run's --prom text (hostile label values included), and on text it must refuse.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promReporter } from '../../src/report/prom.js';
import { parseExposition } from '../../src/sinks/push/exposition.js';
import { HOSTILE_VANTAGE, hostileRun, type HostileRun } from '../report/hostile-run.js';

let run: HostileRun;
let text: string;
beforeAll(async () => {
  run = await hostileRun();
  text = promReporter.render(run.result, { color: false, columns: 80, previous: null });
});
afterAll(() => run.server.close());

describe('reading the --prom text back', () => {
  it('finds the same families, types, help and values as parse-prometheus-text-format', () => {
    const ours = parseExposition(text);
    const theirs = parsePrometheusTextFormat(text);
    expect(ours.map((f) => [f.name, f.type.toUpperCase(), f.help])).toEqual(theirs.map((f) => [f.name, f.type, f.help]));
    for (const family of theirs.filter((f) => f.type !== 'SUMMARY')) {
      const mine = ours.find((f) => f.name === family.name);
      expect(mine?.samples.map((s) => [s.labels, s.value])).toEqual(family.metrics.map((m) => [m.labels ?? {}, Number(m.value)]));
    }
  });

  it('keeps a summary\'s quantiles, _sum and _count in its family, and label escapes undone', () => {
    const duration = parseExposition(text).find((f) => f.name === 'upprobe_probe_duration_seconds');
    const names = new Set(duration?.samples.map((s) => s.name));
    expect([...names].sort()).toEqual(['upprobe_probe_duration_seconds', 'upprobe_probe_duration_seconds_count', 'upprobe_probe_duration_seconds_sum']);
    expect(duration?.samples.every((s) => s.labels.vantage === HOSTILE_VANTAGE)).toBe(true);
    const sampleLines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(parseExposition(text).flatMap((f) => f.samples)).toHaveLength(sampleLines.length);
  });

  it('reads NaN and infinities, and an empty label set', () => {
    const [family] = parseExposition('# TYPE m gauge\nm NaN\nm{a="1"} +Inf\nm{a="2",} -Inf\n');
    expect(family?.samples.map((s) => [s.labels, s.value])).toEqual([
      [{}, NaN],
      [{ a: '1' }, Infinity],
      [{ a: '2' }, -Infinity],
    ]);
  });

  it('refuses what it cannot read, naming the line', () => {
    expect(() => parseExposition('# TYPE m gauge\nm 1 1700000000000\n')).toThrow(/^line 2 is not a sample/);
    expect(() => parseExposition('m{a=1} 1\n')).toThrow(/^line 1: unreadable labels/);
    expect(() => parseExposition('m one\n')).toThrow(/^line 1: not a number: one/);
    expect(() => parseExposition('# TYPE m info\n')).toThrow(/^line 1: unknown metric type "info"/);
  });
});
