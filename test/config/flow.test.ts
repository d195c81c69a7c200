// Loading `kind: flow`: steps inherit like http probes, captures stay templates for run time,
// and every mistake (a capture nobody defines, a bad capture) is a config error at its place.
import { describe, expect, it } from 'vitest';
import type { FlowProbe } from '../../src/probes/flow/schema.js';
import type { RunConfig } from '../../src/probes/probe-config.js';
import { USER_AGENT } from '../../src/version.js';
import { lines, load, problemsOf } from './helpers.js';

function onlyFlow(config: RunConfig): FlowProbe {
  const [probe] = config.probes;
  if (probe?.kind !== 'flow') throw new Error('expected one flow probe');
  return probe;
}

/** A file with one flow probe whose steps start on line 7 (indented 6). */
function withSteps(...stepLines: string[]): string {
  return lines('version: 1', 'defaults: { baseUrl: "https://example.com/app/", timeout: 3s, headers: { x-team: web } }', 'probes:', '  - id: login', '    kind: flow', '    surface: web', '    steps:', ...stepLines);
}

const env = { UPPROBE_USER: 'bob', UPPROBE_PASSWORD: 'hunter2' };

describe('a flow probe', () => {
  it('steps inherit the request defaults and keep ${capture} references for run time', () => {
    const text = withSteps(
      '      - id: form',
      '        request: { url: login }',
      '        capture: { csrf: { regex: \'name="csrf" value="([^"]+)"\' }, token: { json: "$.token", secret: true } }',
      '      - id: submit',
      '        timeout: 500ms',
      '        request:',
      '          method: post',
      '          url: /session?t=${token}',
      '          headers: { x-csrf: "${csrf}", x-team: login }',
      '          form: { user: "${env.UPPROBE_USER}", password: "${secret.UPPROBE_PASSWORD}", csrf: "${csrf}", note: "$${csrf}" }',
      '          followRedirects: false',
      '        expect: { status: 303 }',
    );
    const config = load(text, {}, env);
    const flow = onlyFlow(config);
    const [form, submit] = flow.steps;
    expect(form).toMatchObject({
      id: 'form',
      request: { method: 'GET', url: 'https://example.com/app/login', timeoutMs: 3000, followRedirects: true, headers: { 'x-team': 'web', 'user-agent': USER_AGENT } },
      expect: {},
      captures: [
        { name: 'csrf', source: { from: 'regex', pattern: /name="csrf" value="([^"]+)"/ }, secret: false },
        { name: 'token', source: { from: 'json', path: '$.token' }, secret: true },
      ],
    });
    expect(submit).toMatchObject({
      id: 'submit',
      request: {
        method: 'POST',
        url: 'https://example.com/session?t=${token}',
        timeoutMs: 500,
        followRedirects: false,
        headers: { 'x-team': 'login', 'x-csrf': '${csrf}' },
        // `$${` stays escaped: the run-time pass reads it as a literal `${`.
        body: { type: 'form', fields: { user: 'bob', password: 'hunter2', csrf: '${csrf}', note: '$${csrf}' } },
      },
      expect: { status: { codes: [303], classes: [] } },
    });
    expect(config.secrets).toContain('hunter2');
  });

  it('keeps a capture in the path and the host of a url as written', () => {
    const text = withSteps(
      '      - { id: a, request: { url: /x }, capture: { id: { header: X-Id }, host: { cookie: h } } }',
      '      - { id: b, request: { url: "users/${id}/feed?page=${id}" } }',
      '      - { id: c, request: { url: "https://${host}.example.com/" } }',
    );
    const [a, b, c] = onlyFlow(load(text)).steps;
    expect(a?.captures.map((x) => x.source)).toEqual([
      { from: 'header', name: 'x-id' },
      { from: 'cookie', name: 'h' },
    ]);
    expect(b?.request.url).toBe('https://example.com/app/users/${id}/feed?page=${id}');
    expect(c?.request.url).toBe('https://${host}.example.com/');
  });

  it('the --timeout flag wins over a step timeout; --samples over the probe', () => {
    const text = withSteps('      - { id: a, timeout: 1s, request: { url: /x } }');
    const flow = onlyFlow(load(text, { timeoutMs: 250, samples: 4 }));
    expect(flow.samples).toBe(4);
    expect(flow.steps[0]?.request.timeoutMs).toBe(250);
  });

  it('escapes ${ inside an environment value, so it never reads as a capture', () => {
    const text = withSteps('      - { id: a, request: { url: /x, body: "p=${secret.UPPROBE_PASSWORD}" } }');
    const flow = onlyFlow(load(text, {}, { UPPROBE_PASSWORD: 'a${b}' }));
    expect(flow.steps[0]?.request.body).toEqual({ type: 'raw', text: 'p=a$${b}' });
  });
});

describe('flow problems', () => {
  it('a reference to a capture no earlier step defines, with line:column', () => {
    const text = withSteps(
      '      - id: form', //                                                       8
      '        request: { url: "/login?x=${csrf}" }', //                           9
      '        capture: { csrf: { regex: "c=(\\\\w+)" } }', //                     10
      '      - id: submit', //                                                     11
      '        request: { url: /s, form: { a: "${csrf}", b: "${crsf}", c: "${later}" } }', // 12
      '      - id: after', //                                                      13
      '        request: { url: /me }', //                                          14
      '        capture: { later: { header: x-later } }', //                        15
    );
    expect(problemsOf(text)).toEqual([
      'probes.yaml:9:25: probes[0].steps[0].request.url: unknown capture ${csrf}: no earlier step of this flow captures "csrf" (nothing is captured before this step)',
      'probes.yaml:12:54: probes[0].steps[1].request.form.b: unknown capture ${crsf}: no earlier step of this flow captures "crsf" (captured so far: csrf)',
      'probes.yaml:12:68: probes[0].steps[1].request.form.c: unknown capture ${later}: no earlier step of this flow captures "later" (captured so far: csrf)',
    ]);
  });

  it('a capture that cannot work', () => {
    const text = withSteps(
      '      - id: a', //                                                    8
      '        request: { url: /x }', //                                    9
      '        capture:', //                                                10
      '          nogroup: { regex: "token=\\\\w+" }', //                       11
      '          both: { regex: "(x)", json: "$.x" }', //                   12
      '          path: { json: "$.items[*]" }', //                          13
      '          none: { secret: true }', //                                14
      '          2fa: { header: x }', //                                    15
      '          odd: { header: x, from: body }', //                        16
    );
    expect(problemsOf(text)).toEqual([
      'probes.yaml:11:29: probes[0].steps[0].capture.nogroup.regex: the regex needs a capturing group: the value is its first group, e.g. value="([^"]+)"',
      'probes.yaml:12:39: probes[0].steps[0].capture.both.json: use only one of regex, json, header, cookie (found regex and json)',
      `probes.yaml:13:25: probes[0].steps[0].capture.path.json: JSON path "$.items[*]": unexpected "[*]" at character 8 (supported: $, .name, ['name'], [0])`,
      'probes.yaml:14:17: probes[0].steps[0].capture.none: expected one of regex, json, header, cookie (where to read the value from)',
      'probes.yaml:15:11: probes[0].steps[0].capture: invalid capture name "2fa": use letters, digits and _ (not starting with a digit), so that ${2fa} reads it',
      'probes.yaml:16:29: probes[0].steps[0].capture.odd: unknown key "from" (allowed: regex, json, header, cookie, secret)',
    ]);
  });

  it('steps: none, a repeated id, an unknown key', () => {
    expect(problemsOf(withSteps('      []'))).toEqual(['probes.yaml:8:7: probes[0].steps: expected at least one step']);
    const text = withSteps('      - { id: a, request: { url: /x } }', '      - { id: a, request: { url: /y }, retries: 2 }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:9:15: probes[0].steps[1].id: duplicate step id "a" (already used by steps[0])',
      'probes.yaml:9:40: probes[0].steps[1]: unknown key "retries" (allowed: id, request, expect, capture, timeout)',
    ]);
  });

  it('a url that starts with a capture', () => {
    const text = withSteps('      - { id: a, request: { url: /x }, capture: { next: { header: location } } }', '      - { id: b, request: { url: "${next}" } }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:9:34: probes[0].steps[1].request.url: url "${next}" starts with a capture: start it with the scheme and host, or with /',
    ]);
  });
});
