// Defaults merge in SPEC's order: built-in < file defaults < probe < flags.
import { describe, expect, it } from 'vitest';
import { Pattern } from '../../src/config/pattern.js';
import { USER_AGENT } from '../../src/version.js';
import { httpProbes, lines, load, onlyProbe, withProbe } from './helpers.js';

const minimal = lines('version: 1', 'probes:', '  - { id: p, surface: web, request: { url: "https://example.com/" } }');

describe('built-in defaults', () => {
  it('fill everything nothing sets', () => {
    const config = load(minimal);
    expect(config).toMatchObject({ file: 'probes.yaml', vantage: null, concurrency: 16, secrets: [] });
    expect(onlyProbe(config)).toEqual({
      id: 'p',
      kind: 'http',
      surface: 'web',
      tags: [],
      samples: 1,
      thresholds: { successRate: 1 },
      retry: { retries: 0, delayMs: 1000 },
      request: {
        method: 'GET',
        url: 'https://example.com/',
        headers: { 'user-agent': USER_AGENT },
        followRedirects: true,
        maxRedirects: 10,
        timeoutMs: 10_000,
        maxBodySize: 1024 * 1024,
        insecure: false,
        reach: { transport: {}, decompress: false },
      },
      expect: {},
      reuseConnections: false,
    });
  });
});

describe('merge order', () => {
  const text = lines(
    'version: 1',
    'vantage: laptop',
    'defaults:',
    '  baseUrl: https://example.com/app/',
    '  timeout: 5s',
    '  samples: 3',
    '  concurrency: 4',
    '  followRedirects: false',
    '  maxRedirects: 3',
    '  maxBodySize: 64KiB',
    '  insecure: true',
    '  reuseConnections: true',
    '  headers: { Accept: text/html, X-Team: web }',
    '  thresholds: { successRate: 99%, p99: 2s }',
    'probes:',
    '  - id: inherits',
    '    surface: web',
    '    request: { url: page }',
    '  - id: own',
    '    surface: api',
    '    timeout: 750ms',
    '    samples: 5',
    '    reuseConnections: false',
    '    thresholds: { p95: 300ms, p99: 1s }',
    '    request:',
    '      method: post',
    '      url: /api/items',
    '      headers: { accept: application/json }',
    '      followRedirects: true',
    '      maxRedirects: 1',
    '      maxBodySize: 2MiB',
    '      insecure: false',
  );

  it('file defaults apply where a probe says nothing', () => {
    const config = load(text);
    expect(config.vantage).toBe('laptop');
    expect(config.concurrency).toBe(4);
    const probe = config.probes[0];
    expect(probe).toMatchObject({
      samples: 3,
      reuseConnections: true,
      thresholds: { successRate: 0.99, p99Ms: 2000 },
      request: {
        url: 'https://example.com/app/page',
        timeoutMs: 5000,
        followRedirects: false,
        maxRedirects: 3,
        maxBodySize: 65_536,
        insecure: true,
        headers: { accept: 'text/html', 'x-team': 'web', 'user-agent': USER_AGENT },
      },
    });
  });

  it('a probe wins over the defaults, thresholds and headers merging per key', () => {
    const probe = load(text).probes[1];
    expect(probe).toMatchObject({
      samples: 5,
      reuseConnections: false,
      thresholds: { successRate: 0.99, p95Ms: 300, p99Ms: 1000 },
      request: {
        method: 'POST',
        url: 'https://example.com/api/items',
        timeoutMs: 750,
        followRedirects: true,
        maxRedirects: 1,
        maxBodySize: 2 * 1024 * 1024,
        insecure: false,
        headers: { accept: 'application/json', 'x-team': 'web', 'user-agent': USER_AGENT },
      },
    });
  });

  it('flags win over both', () => {
    const config = load(text, { concurrency: 2, samples: 7, timeoutMs: 100, baseUrl: 'https://staging.example.com', vantage: 'ci' });
    expect(config.vantage).toBe('ci');
    expect(config.concurrency).toBe(2);
    for (const probe of httpProbes(config)) {
      expect(probe.samples).toBe(7);
      expect(probe.request.timeoutMs).toBe(100);
    }
    expect(httpProbes(config).map((p) => p.request.url)).toEqual(['https://staging.example.com/page', 'https://staging.example.com/api/items']);
  });

  it('an explicit user-agent replaces the built-in one', () => {
    const probe = onlyProbe(load(withProbe('    request: { url: /, headers: { User-Agent: probe/1 } }')));
    expect(probe.request.headers).toEqual({ 'user-agent': 'probe/1' });
  });

  it('the built-in successRate: 100% stays unless a threshold overrides that key', () => {
    const probe = onlyProbe(load(withProbe('    thresholds: { p95: 1s }', '    request: { url: / }')));
    expect(probe.thresholds).toEqual({ successRate: 1, p95Ms: 1000 });
    const lenient = onlyProbe(load(withProbe('    thresholds: { successRate: 90% }', '    request: { url: / }')));
    expect(lenient.thresholds).toEqual({ successRate: 0.9 });
  });
});

describe('values', () => {
  it('converts expectations', () => {
    const probe = onlyProbe(
      load(
        withProbe(
          '    request: { url: / }',
          '    expect:',
          '      status: ["2xx", 404]',
          '      maxLatency: 1.5s',
          '      body: { contains: items }',
          '      json: { "$.items[0]": { exists: true }, "$.status": ok, "$.n": { equals: [1, 2] } }',
          '      headers: { Content-Type: { matches: "json$" }, X-Count: 2 }',
        ),
      ),
    );
    expect(probe.expect).toEqual({
      status: { codes: [404], classes: [2] },
      maxLatencyMs: 1500,
      body: { contains: 'items' },
      json: [
        { path: '$.items[0]', check: { op: 'exists', value: true } },
        { path: '$.status', check: { op: 'equals', value: 'ok' } },
        { path: '$.n', check: { op: 'equals', value: [1, 2] } },
      ],
      headers: [
        { name: 'content-type', check: { op: 'matches', value: expect.any(Pattern) as unknown } },
        { name: 'x-count', check: { op: 'equals', value: '2' } },
      ],
    });
    expect(probe.expect.headers?.[0]?.check).toMatchObject({ value: { source: 'json$' } });
  });

  it('accepts a single status and a single class', () => {
    expect(onlyProbe(load(withProbe('    request: { url: / }', '    expect: { status: 204 }'))).expect.status).toEqual({ codes: [204], classes: [] });
    expect(onlyProbe(load(withProbe('    request: { url: / }', '    expect: { status: 3xx }'))).expect.status).toEqual({ codes: [], classes: [3] });
  });

  it('resolves an absolute URL as is and a relative one against the base', () => {
    const text = lines(
      'version: 1',
      'defaults: { baseUrl: "https://example.com/v1/" }',
      'probes:',
      '  - { id: a, surface: api, request: { url: "items?page=2" } }',
      '  - { id: b, surface: api, request: { url: "/health" } }',
      '  - { id: c, surface: api, request: { url: "http://other.test:8080/x" } }',
    );
    expect(httpProbes(load(text)).map((p) => p.request.url)).toEqual([
      'https://example.com/v1/items?page=2',
      'https://example.com/health',
      'http://other.test:8080/x',
    ]);
  });
});

describe('interpolation', () => {
  const env = { API_USER: 'bob', MY_TOKEN: 'tok-123', PASSWORD_PLAIN: 'pw', HOST: 'api.example.com', CODE: 'c0de' };

  it('fills url, headers, raw body, json leaves, form values and baseUrl', () => {
    const text = lines(
      'version: 1',
      'defaults:',
      '  baseUrl: "https://${env.HOST}"',
      '  headers: { authorization: "Bearer ${env.MY_TOKEN}" }',
      'probes:',
      '  - { id: raw, surface: api, request: { url: "/u/${env.API_USER}", body: "code=${secret.CODE}" } }',
      '  - { id: json, surface: api, request: { url: "/", json: { user: "${env.API_USER}", list: ["${env.API_USER}", 1], "${env.API_USER}": x } } }',
      '  - { id: form, surface: api, request: { url: "/", form: { user: "${env.API_USER}", password: "${env.PASSWORD_PLAIN}" } } }',
    );
    const [raw, json, form] = httpProbes(load(text, {}, env));
    expect(raw?.request.url).toBe('https://api.example.com/u/bob');
    expect(raw?.request.headers.authorization).toBe('Bearer tok-123');
    expect(raw?.request.body).toEqual({ type: 'raw', text: 'code=c0de' });
    expect(json?.request.body).toEqual({ type: 'json', value: { user: 'bob', list: ['bob', 1], '${env.API_USER}': 'x' } });
    expect(form?.request.body).toEqual({ type: 'form', fields: { user: 'bob', password: 'pw' } });
  });

  it('collects secrets: ${secret.X} and env names that look secret, not plain env values', () => {
    const text = lines(
      'version: 1',
      'defaults: { baseUrl: "https://example.com" }',
      'probes:',
      '  - { id: a, surface: api, request: { url: "/?u=${env.API_USER}&c=${secret.CODE}", headers: { x-token: "${env.MY_TOKEN}" } } }',
    );
    const { secrets } = load(text, {}, env);
    expect(secrets).toEqual(expect.arrayContaining(['c0de', 'tok-123']));
    expect(secrets).not.toContain('bob');
  });

  it('adds the encoded forms of a secret, so a URL-encoded echo is hidden too', () => {
    const text = withProbe('    request: { url: "/?p=${secret.PW}" }');
    const config = load(text, {}, { PW: 'a b&c' });
    expect(config.secrets).toEqual(expect.arrayContaining(['a b&c', 'a%20b%26c']));
    expect(onlyProbe(config).request.url).toBe('https://example.com/?p=a%20b&c');
  });

  it('reads $${ as a literal ${', () => {
    const probe = onlyProbe(load(withProbe('    request: { url: /, body: "price $${env.API_USER} ${env.API_USER}" }'), {}, env));
    expect(probe.request.body).toEqual({ type: 'raw', text: 'price ${env.API_USER} bob' });
  });
});
