// Every problem points at its node: exact line:column for each kind of mistake.
import { describe, expect, it } from 'vitest';
import { lines, problemsOf, withProbe } from './helpers.js';

describe('problem positions', () => {
  it('a YAML syntax error', () => {
    const text = lines('version: 1', 'probes:', '  - id: a', '    request: { url: /x }}');
    expect(problemsOf(text)).toEqual(['probes.yaml:4:25: YAML syntax error: Unexpected flow-map-end token in YAML stream: "}"']);
  });

  it('a tab used as indentation', () => {
    expect(problemsOf(lines('version: 1', 'probes:', '\t- id: a'))).toEqual(['probes.yaml:3:1: YAML syntax error: Tabs are not allowed as indentation']);
  });

  it('a duplicate mapping key', () => {
    const text = withProbe('    request: { url: /x }', '    surface: web');
    expect(problemsOf(text)).toEqual(['probes.yaml:8:5: duplicate key "surface": a key may appear only once in a mapping']);
  });

  it('an unknown key in a probe points at the key and lists the allowed ones', () => {
    const text = withProbe('    request: { url: /x }', '    repeat: 3');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:8:5: probes[0]: unknown key "repeat" (allowed: id, surface, tags, samples, timeout, thresholds, retries, retryDelay, proxy, http2, ca, cert, key, passphrase, resolve, resolver, ipFamily, decompress, auth, kind, request, expect, reuseConnections)',
    ]);
  });

  it('an unknown key in a nested mapping', () => {
    const text = withProbe('    request: { url: /x, methd: POST }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:7:25: probes[0].request: unknown key "methd": did you mean "method"? (allowed: method, url, headers, body, json, form, followRedirects, maxRedirects, maxBodySize, insecure, proxy, http2, ca, cert, key, passphrase, resolve, resolver, ipFamily, decompress, auth)',
    ]);
  });

  it('an unknown kind', () => {
    const text = withProbe('    kind: grpc', '    request: { url: /x }');
    expect(problemsOf(text)).toEqual(['probes.yaml:7:11: probes[0].kind: unknown kind "grpc": expected one of http, flow, links, dns, tcp']);
  });

  it('a flow needs at least one step', () => {
    const text = lines('version: 1', 'probes:', '  - id: login', '    kind: flow', '    surface: web', '    steps: []');
    expect(problemsOf(text)).toEqual(['probes.yaml:6:12: probes[0].steps: expected at least one step']);
  });

  it('a missing surface points at the probe mapping and says what it is for', () => {
    const text = lines('version: 1', 'probes:', '  - id: p', '    request: { url: https://example.com }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:3:5: probes[0]: missing required key "surface" (api or web: which side of the product this probe checks)',
    ]);
  });

  it('a missing version points at the top mapping', () => {
    const text = lines('# probes', 'probes:', '  - { id: p, surface: api, request: { url: "https://example.com" } }');
    expect(problemsOf(text)).toEqual(['probes.yaml:2:1: missing required key "version" (write "version: 1" at the top)']);
  });

  it('a duplicate id points at the second and names the line of the first', () => {
    const text = lines(
      'version: 1',
      'probes:',
      '  - id: home',
      '    surface: web',
      '    request: { url: "https://example.com/" }',
      '  - id: home',
      '    surface: web',
      '    request: { url: "https://example.com/x" }',
    );
    expect(problemsOf(text)).toEqual(['probes.yaml:6:9: probes[1].id: duplicate probe id "home" (first used on line 3)']);
  });

  it('a bad duration', () => {
    const text = withProbe('    timeout: 5 secs', '    request: { url: /x }');
    expect(problemsOf(text)).toEqual(['probes.yaml:7:14: probes[0].timeout: expected a duration like 250ms, 5s or 1m, got "5 secs"']);
  });

  it('a regex that does not compile', () => {
    const text = withProbe('    request: { url: /x }', '    expect:', '      body: { matches: "a(b" }');
    expect(problemsOf(text)).toEqual(['probes.yaml:9:24: probes[0].expect.body.matches: invalid regular expression "a(b": missing closing ): `a(b`']);
  });

  // Issue 15, item 7: regexes run on RE2 (linear time); what it cannot run is refused at load.
  it('a regex RE2 cannot run (a backreference, a lookahead), wherever it is', () => {
    const text = withProbe(
      '    request: { url: /x }',
      '    expect:',
      "      body: { matches: '(a)\\1' }",
      "      headers: { etag: { matches: '(?=x)y' }, x-a: { matches: '(?<a>x)\\k<a>' }, x-b: { matches: '\\\\k<a>' } }",
    );
    expect(problemsOf(text)).toEqual([
      'probes.yaml:9:24: probes[0].expect.body.matches: invalid regular expression "(a)\\\\1": invalid escape sequence: `\\1` (regexes run on RE2: no backreferences or lookahead)',
      'probes.yaml:10:35: probes[0].expect.headers.etag.matches: invalid regular expression "(?=x)y": invalid or unsupported Perl syntax: `(?=` (regexes run on RE2: no backreferences or lookahead)',
      'probes.yaml:10:63: probes[0].expect.headers.x-a.matches: invalid regular expression "(?<a>x)\\\\k<a>": invalid escape sequence: `\\k<` (regexes run on RE2: no backreferences or lookahead)',
    ]);
  });

  it('a bad JSON path points at the path', () => {
    const text = withProbe('    request: { url: /x }', '    expect:', '      json:', '        "$.items[*]": { exists: true }');
    expect(problemsOf(text)).toEqual([
      `probes.yaml:10:9: probes[0].expect.json: JSON path "$.items[*]": unexpected "[*]" at character 8 (supported: $, .name, ['name'], [0])`,
    ]);
  });

  it('an unset environment variable points at the string that reads it', () => {
    const text = withProbe('    request:', '      url: /x', '      headers: { authorization: "Bearer ${secret.API_TOKEN}" }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:9:33: probes[0].request.headers.authorization: environment variable API_TOKEN is not set (read by ${secret.API_TOKEN})',
    ]);
  });

  it('an unknown variable in an http probe', () => {
    const text = withProbe('    request:', '      url: /x', '      form: { csrf: "${csrf}" }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:9:21: probes[0].request.form.csrf: unknown variable ${csrf}: in an http probe only ${env.NAME} and ${secret.NAME} exist; captures exist in flow steps',
    ]);
  });

  it('a relative URL without a baseUrl', () => {
    const text = lines('version: 1', 'probes:', '  - id: p', '    surface: api', '    request:', '      url: /health');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:6:12: probes[0].request.url: relative url "/health" needs a base: set defaults.baseUrl or pass --base-url',
    ]);
  });

  it('a URL that is not http or https', () => {
    const text = withProbe('    request: { url: "ftp://example.com/file" }');
    expect(problemsOf(text)).toEqual(['probes.yaml:7:21: probes[0].request.url: url "ftp://example.com/file" must use http or https, not ftp']);
  });

  it('a host:port without a scheme gets a hint', () => {
    const text = withProbe('    request: { url: "localhost:8080/health" }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:7:21: probes[0].request.url: url "localhost:8080/health" must use http or https, not localhost (did you mean "http://localhost:8080/health"?)',
    ]);
  });

  it('body, json and form exclude each other', () => {
    const text = withProbe('    request:', '      url: /x', '      body: raw', '      json: { a: 1 }');
    expect(problemsOf(text)).toEqual(['probes.yaml:10:13: probes[0].request.json: use only one of body, json or form (found body and json)']);
  });

  it('a bad --base-url has no place in the file: line 1, column 1', () => {
    expect(problemsOf(withProbe('    request: { url: /x }'), { baseUrl: 'example.com' })).toEqual([
      'probes.yaml:1:1: --base-url: expected an absolute http or https URL, got "example.com"',
    ]);
  });
});

describe('validate reports every problem at once', () => {
  it('collects schema, custom and interpolation problems from one file, in file order', () => {
    const text = lines(
      'version: 2', //                                       1
      'defaults:', //                                         2
      '  timeout: soon', //                                   3
      '  thresholds: { successRate: 120% }', //               4
      'probes:', //                                           5
      '  - id: a', //                                         6
      '    surface: mobile', //                               7
      '    request: { url: /a }', //                          8
      '  - id: b', //                                         9
      '    surface: api', //                                  10
      '    request: { url: "https://x.test/${env.NOPE}" }', // 11
      '    expect: { status: 600 }', //                       12
      '  - id: a', //                                         13
      '    kind: links', //                                   14
    );
    expect(problemsOf(text)).toEqual([
      'probes.yaml:1:10: version: expected 1 (the only format version so far), got 2',
      'probes.yaml:3:12: defaults.timeout: expected a duration like 250ms, 5s or 1m, got "soon"',
      'probes.yaml:4:30: defaults.thresholds.successRate: expected a rate like 95% or a fraction from 0 to 1, got "120%"',
      'probes.yaml:7:14: probes[0].surface: expected one of api, web, got "mobile"',
      'probes.yaml:12:23: probes[1].expect.status: expected a status like 200, [200, 204] or "2xx", got 600',
      'probes.yaml:13:5: probes[2]: missing required key "surface" (api or web: which side of the product this probe checks)',
      'probes.yaml:13:5: probes[2]: missing required key "links" (urls, fromPage or both: which links to check)',
      'probes.yaml:13:9: probes[2].id: duplicate probe id "a" (first used on line 6)',
    ]);
  });

  it('still checks the request of a probe that is invalid elsewhere', () => {
    const text = withProbe('    timeout: never', '    request: { url: "/${env.NOPE}" }');
    expect(problemsOf(text)).toEqual([
      'probes.yaml:7:14: probes[0].timeout: expected a duration like 250ms, 5s or 1m, got "never"',
      'probes.yaml:8:21: probes[0].request.url: environment variable NOPE is not set (read by ${env.NOPE})',
    ]);
  });

  it('reports interpolation and URL problems of every valid probe', () => {
    const text = lines(
      'version: 1',
      'probes:',
      '  - { id: a, surface: api, request: { url: "/a" } }',
      '  - { id: b, surface: api, request: { url: "https://x.test/", body: "${env.NOPE} ${secret.ALSO_NOPE}" } }',
    );
    expect(problemsOf(text)).toEqual([
      'probes.yaml:3:44: probes[0].request.url: relative url "/a" needs a base: set defaults.baseUrl or pass --base-url',
      'probes.yaml:4:69: probes[1].request.body: environment variable NOPE is not set (read by ${env.NOPE})',
      'probes.yaml:4:69: probes[1].request.body: environment variable ALSO_NOPE is not set (read by ${secret.ALSO_NOPE})',
    ]);
  });
});

describe('secrets stay out of messages', () => {
  it('shows a wrong value that came from a secret as ***', () => {
    const text = withProbe('    request: { url: "${secret.TARGET}" }');
    const problems = problemsOf(text, {}, { TARGET: 'ftp://admin:hunter2@example.com/' });
    expect(problems).toEqual(['probes.yaml:7:21: probes[0].request.url: url "***" must use http or https, not ftp']);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('hides a value read through a secret-looking env name too', () => {
    const text = withProbe('    request: { url: "mailto:${env.SESSION_ID}" }');
    const problems = problemsOf(text, {}, { SESSION_ID: 's3ss10n' });
    expect(problems.join('\n')).not.toContain('s3ss10n');
    expect(problems[0]).toContain('"mailto:***"');
  });
});

describe('positions through anchors', () => {
  it('a problem in a merged value points at the anchored text', () => {
    const text = lines(
      'version: 1',
      'x-base: &base { surface: api, timeout: forever }',
      'probes:',
      '  - { <<: *base, id: a, request: { url: "https://example.com" } }',
    );
    expect(problemsOf(text)).toEqual(['probes.yaml:2:40: probes[0].timeout: expected a duration like 250ms, 5s or 1m, got "forever"']);
  });

  it('other unknown top-level keys are still errors', () => {
    const text = lines('version: 1', 'probe:', '  - id: a', 'probes:', '  - { id: a, surface: api, request: { url: "https://example.com" } }');
    expect(problemsOf(text)).toEqual(['probes.yaml:2:1: unknown key "probe": did you mean "probes"? (allowed: version, vantage, defaults, controls, notify, probes)']);
  });
});
