// The progress line's numbers: totals from the probes' sample counts, honest about links.
import { describe, expect, it } from 'vitest';
import { RunProgress, formatElapsed, progressFor } from '../../src/cli/progress.js';
import { parseConfig } from '../../src/probes/load.js';

const config = (probes: string) => parseConfig(`version: 1\ndefaults: { baseUrl: "http://127.0.0.1:1" }\nprobes:\n${probes}`, 'probes.yaml', {}, {});
const HTTP = '  - { id: a, kind: http, surface: api, samples: 3, request: { url: /a } }\n  - { id: b, kind: http, surface: web, samples: 2, request: { url: /b } }\n';
const ok = { latencyMs: 1, phases: {}, failure: null } as const;
const failed = { latencyMs: null, phases: {}, failure: { class: 'connect', message: 'refused' } } as unknown as Parameters<RunProgress['onSample']>[1];

describe('RunProgress', () => {
  it('counts samples done of the total and the probes with a failure so far', () => {
    const progress = new RunProgress(config(HTTP).probes);
    expect(progress.line()).toMatch(/^0\/5 samples · no probe failing · 0s$/);
    progress.onSample(0, ok as unknown as Parameters<RunProgress['onSample']>[1]);
    progress.onSample(1, failed);
    progress.onSample(1, failed);
    expect(progress.line()).toMatch(/^3\/5 samples · 1 probe failing · \d+s$/);
  });

  it('marks listed links as an upper bound and a page of links as more to come', () => {
    const listed = new RunProgress(config(`${HTTP}  - { id: l, kind: links, surface: web, links: { urls: [/x, /y] } }\n`).probes);
    expect(listed.line()).toMatch(/^0\/~7 samples/);
    const page = new RunProgress(config(`${HTTP}  - { id: p, kind: links, surface: web, links: { fromPage: { url: / } } }\n`).probes);
    expect(page.line()).toMatch(/^0\/5\+ samples/);
  });

  it('is only drawn on a terminal and never with --quiet', () => {
    const probes = config(HTTP).probes;
    const tty = { isTTY: true, columns: 80 } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    expect(progressFor(probes, tty, false, () => undefined)).not.toBeNull();
    expect(progressFor(probes, tty, true, () => undefined)).toBeNull();
    expect(progressFor(probes, pipe, false, () => undefined)).toBeNull();
  });

  it('formats elapsed time as a person reads it', () => {
    expect(formatElapsed(999)).toBe('0s');
    expect(formatElapsed(59_999)).toBe('59s');
    expect(formatElapsed(185_000)).toBe('3m05s');
  });
});
