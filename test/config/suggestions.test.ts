// Unknown keys say what was meant: a near spelling of an allowed key, or where the key belongs.
import { describe, expect, it } from 'vitest';
import { lines, problemsOf, withProbe } from './helpers.js';

/** The problem messages without the "(allowed: …)" list, which other tests pin. */
function hints(text: string): string[] {
  // The allowed list may be cut short (…) when a mapping allows many keys.
  return problemsOf(text).map((p) => p.replace(/ \(allowed: [^)]*(\)|…)$/, ''));
}

describe('did you mean', () => {
  it('`url` at the probe level belongs in request', () => {
    expect(hints(withProbe('    url: /health'))).toEqual([
      'probes.yaml:5:5: probes[0]: missing required key "request"',
      'probes.yaml:7:5: probes[0]: unknown key "url": did you mean "request.url"?',
    ]);
  });

  it('a misspelt key gets the allowed key it is closest to, in defaults, probes and nested mappings', () => {
    const text = lines(
      'version: 1',
      'defaults: { baseUrl: "https://example.com", timout: 5s }',
      'probes:',
      '  - id: p',
      '    surface: api',
      '    timout: 2s',
      '    request: { url: /x, header: { a: b } }',
      '    expect: { stauts: 200 }',
    );
    expect(hints(text)).toEqual([
      'probes.yaml:2:45: defaults: unknown key "timout": did you mean "timeout"?',
      'probes.yaml:6:5: probes[0]: unknown key "timout": did you mean "timeout"?',
      'probes.yaml:7:25: probes[0].request: unknown key "header": did you mean "headers"?',
      'probes.yaml:8:15: probes[0].expect: unknown key "stauts": did you mean "status"?',
    ]);
  });

  it('in links probes and flow steps too; a key unlike any allowed one gets no guess', () => {
    const text = lines(
      'version: 1',
      'defaults: { baseUrl: "https://example.com" }',
      'probes:',
      '  - { id: l, kind: links, surface: web, links: { urls: [/a] }, fromPage: { url: / } }',
      '  - id: f',
      '    kind: flow',
      '    surface: web',
      '    steps:',
      '      - { id: s, request: { url: /x }, captures: { t: { json: "$.t" } }, zzz: 1 }',
    );
    expect(hints(text)).toEqual([
      'probes.yaml:4:64: probes[0]: unknown key "fromPage": did you mean "links.fromPage"?',
      'probes.yaml:9:40: probes[1].steps[0]: unknown key "captures": did you mean "capture"?',
      'probes.yaml:9:74: probes[1].steps[0]: unknown key "zzz"',
    ]);
  });

  it('a key in the wrong case is the key', () => {
    expect(hints(withProbe('    request: { url: /x, Method: GET }'))).toEqual(['probes.yaml:7:25: probes[0].request: unknown key "Method": did you mean "method"?']);
  });
});
