// --only and --surface choose among validated probes; choosing none is a config error.
import { describe, expect, it } from 'vitest';
import { lines, load, problemsOf } from './helpers.js';

const text = lines(
  'version: 1',
  'defaults: { baseUrl: "https://example.com" }',
  'probes:',
  '  - { id: api-timeline, surface: api, tags: [core], request: { url: /api/timeline } }',
  '  - { id: api-me, surface: api, request: { url: /api/me } }',
  '  - { id: home, surface: web, tags: [core, pages], request: { url: / } }',
);
const ids = (overrides: Parameters<typeof load>[1]) => load(text, overrides).probes.map((p) => p.id);

describe('--only', () => {
  it('matches ids', () => {
    expect(ids({ only: ['api-me'] })).toEqual(['api-me']);
  });

  it('matches tags', () => {
    expect(ids({ only: ['core'] })).toEqual(['api-timeline', 'home']);
  });

  it('matches ids and tags together, keeping file order', () => {
    expect(ids({ only: ['pages', 'api-me'] })).toEqual(['api-me', 'home']);
  });

  it('fails when nothing matches', () => {
    expect(problemsOf(text, { only: ['x', 'y'] })).toEqual(['probes.yaml:1:1: no probe matches --only x,y']);
  });

  it('validates every probe first, even those it leaves out', () => {
    const broken = `${text}  - { id: bad, surface: api, request: { url: /, methd: GET } }\n`;
    expect(problemsOf(broken, { only: ['home'] })).toHaveLength(1);
  });
});

describe('--surface', () => {
  it('keeps one surface', () => {
    expect(ids({ surface: 'web' })).toEqual(['home']);
    expect(ids({ surface: 'api' })).toEqual(['api-timeline', 'api-me']);
  });

  it('combines with --only', () => {
    expect(ids({ only: ['core'], surface: 'api' })).toEqual(['api-timeline']);
  });

  it('fails when nothing is left', () => {
    const apiOnly = lines('version: 1', 'probes:', '  - { id: a, surface: api, request: { url: "https://example.com" } }');
    expect(problemsOf(apiOnly, { surface: 'web' })).toEqual(['probes.yaml:1:1: no probe matches --surface web']);
    expect(problemsOf(text, { only: ['api-me'], surface: 'web' })).toEqual(['probes.yaml:1:1: no probe matches --only api-me --surface web']);
  });
});

describe('numeric flags', () => {
  it('rejects a concurrency below 1', () => {
    expect(problemsOf(text, { concurrency: 0 })).toEqual(['probes.yaml:1:1: --concurrency: expected a whole number of 1 or more, got 0']);
  });
});
