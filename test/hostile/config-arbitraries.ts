// fast-check generators of probes files, valid and broken, for the bad-config property tests.
//
// Every host a generated file can name is the loopback server given (or port 1, refused): a file
// fed to `upprobe run` must never send a request, or a DNS query, anywhere else. Character-level
// mutations can invent host names, so mutated text is for the loader and `validate` only.
// A new probe kind adds its generator to `probeArbitraries` (one line).
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Environment the generated `${env.*}`/`${secret.*}` references read; values hold no ':' or '/'. */
export const FUZZ_ENV: Record<string, string> = { UP_USER: 'alice', UP_PASSWORD: 'pa ss"word\\', UP_PATH: 'v1', UP_EMPTY: '' };

/** A few of each: fine, wrong type, out of range, malformed. */
const durations = fc.constantFrom<unknown>('250ms', '1s', 500, '0.5s', 0, -5, 'soon', '1 h', true, null, '1e309ms');
// No huge sample counts: a valid file goes through `run`, which must end in seconds.
const counts = fc.constantFrom<unknown>(1, 2, 3, 0, -1, 1.5, '2', null);
const concurrencies = fc.constantFrom<unknown>(1, 4, 0, -2, 'many', 1e9);
const sizes = fc.constantFrom<unknown>('1MiB', '512KiB', 2048, '0', '1 potato', -1, '9999999999999999999GiB');
const rates = fc.constantFrom<unknown>('95%', 0.5, 1, '100%', '150%', -0.1, 'most', '%');
const booleans = fc.constantFrom<unknown>(true, false, 'true', 'yes', 0, null);
const surfaces = fc.constantFrom<unknown>('api', 'web', 'API', 'desktop', '', 7, null);
const ids = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/), fc.constantFrom<unknown>('', 'has space', 'ünïcode', 42, null, ['a']));
const statuses = fc.constantFrom<unknown>(200, [200, 204], '2xx', ['2xx', 404], 99, 600, '6xx', 'ok', [], {}, '5XX');
const regexes = fc.constantFrom<unknown>('ok', '^o', '(', '[a-', '(a+)+$', '\\', '*', 7, '.*');
const templates = fc.constantFrom(
  'plain',
  '${env.UP_USER}',
  '${secret.UP_PASSWORD}',
  '${env.UP_MISSING}',
  '${env.}',
  '${nope}',
  '${env.UP_EMPTY}',
  '$${literal}',
  '${unclosed',
  '${env.UP_USER}${secret.UP_PASSWORD}',
);
const headerMaps = fc.dictionary(fc.constantFrom('accept', 'x-token', 'User-Agent', 'bad header', 'x-ünï', ''), fc.oneof(templates, fc.constantFrom<unknown>(5, null, ['a'])), { maxKeys: 3 });

/** URLs that can only ever reach `server` (or a refused port on loopback), valid or not. */
function urls(server: string) {
  return fc.constantFrom<unknown>('/ok', 'ok', '/500', '/slow', '/redirect', '/${env.UP_PATH}/x', `${server}/abs`, 'http://127.0.0.1:1/', 'ftp://127.0.0.1/', 'mailto:a', '', 42, null, '/${env.UP_MISSING}');
}

/** Optional keys: each present or absent at random. */
function someOf<T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) {
  return fc.record(fields, { requiredKeys: [] });
}

const thresholds = fc.oneof(someOf({ successRate: rates, p95: durations, p99: durations, p50: durations }), fc.constantFrom<unknown>('fast', null));

const expectations = fc.oneof(
  someOf({
    status: statuses,
    maxLatency: durations,
    body: fc.oneof(someOf({ contains: fc.constantFrom<unknown>('ok', 5), matches: regexes }), fc.constant<unknown>('ok')),
    json: fc.oneof(fc.dictionary(fc.constantFrom('$.a', '$.items[0]', "$['odd key']", 'a.b', '$..x', '$[', ''), fc.oneof(fc.constantFrom<unknown>('ok', 1, null), someOf({ exists: booleans, equals: fc.constant(1), contains: fc.constant('x'), matches: regexes })), { maxKeys: 2 }), fc.constant<unknown>([])),
    headers: fc.dictionary(fc.constantFrom('content-type', 'X-A'), fc.oneof(fc.constant<unknown>('json'), someOf({ matches: regexes, exists: booleans })), { maxKeys: 2 }),
    teapot: fc.constant(true),
  }),
  fc.constantFrom<unknown>(null, 'anything'),
);

function request(server: string) {
  return someOf({
    method: fc.constantFrom<unknown>('GET', 'post', 'HEAD', 'BAD METHOD', '', 3),
    url: urls(server),
    headers: headerMaps,
    body: fc.oneof(templates, fc.constant<unknown>(5)),
    json: fc.constantFrom<unknown>({ a: 1 }, ['x', '${env.UP_USER}'], 'text', null),
    form: fc.oneof(fc.dictionary(fc.constantFrom('user', 'password'), templates, { maxKeys: 2 }), fc.constant<unknown>('a=b')),
    followRedirects: booleans,
    maxRedirects: counts,
    maxBodySize: sizes,
    insecure: booleans,
    verify: fc.constant(false),
  });
}

/** An http probe, mostly well-formed; `fc.oneof` biases to the first (more probes get deep). */
function httpProbe(server: string) {
  const fields = {
    id: ids,
    kind: fc.constantFrom<unknown>('http', 'HTTP', 'grpc', undefined),
    surface: surfaces,
    tags: fc.oneof(fc.array(fc.constantFrom<unknown>('core', 'x', '', 1), { maxLength: 3 }), fc.constant<unknown>('core')),
    samples: counts,
    timeout: durations,
    thresholds,
    reuseConnections: booleans,
    request: request(server),
    expect: expectations,
  };
  const wellFormed = {
    id: fc.stringMatching(/^[a-z]{1,6}$/),
    surface: fc.constantFrom('api', 'web'),
    request: fc.record({ url: fc.constantFrom('/ok', '/500', '/slow', `${server}/abs`) }),
  };
  return fc.oneof(
    fc.record(wellFormed),
    fc.record({ ...fields, ...wellFormed }, { requiredKeys: ['id', 'surface', 'request'] }),
    someOf(fields),
    fc.constantFrom<unknown>(null, 'probe', 42, []),
  );
}

/** One entry per probe kind; later kinds (flow, links) add their generator here. */
export function probeArbitraries(server: string): fc.Arbitrary<unknown>[] {
  return [httpProbe(server)];
}

/** A probes file as data: sometimes valid, often subtly wrong, occasionally nonsense. */
export function configDocument(server: string): fc.Arbitrary<unknown> {
  const probes = fc.oneof(fc.array(fc.oneof(...probeArbitraries(server)), { minLength: 1, maxLength: 3 }), fc.constantFrom<unknown>([], null, 'all'));
  const defaults = fc.oneof(
    someOf({
      baseUrl: fc.constantFrom<unknown>(server, `${server}/base/`, 'not a url', 'ftp://127.0.0.1/', '', 42),
      timeout: durations,
      samples: counts,
      concurrency: concurrencies,
      headers: headerMaps,
      thresholds,
      followRedirects: booleans,
      maxRedirects: counts,
      maxBodySize: sizes,
      insecure: booleans,
      reuseConnections: booleans,
      retries: fc.constant(3),
    }),
    fc.constantFrom<unknown>(null, 'none'),
  );
  return fc.oneof(
    fc.record({ version: fc.constant(1), defaults, probes }, { requiredKeys: ['version', 'probes'] }),
    someOf({ version: fc.constantFrom<unknown>(1, 2, '1', null), vantage: fc.constantFrom<unknown>('laptop', 5, ''), defaults, probes, extra: fc.constant('x') }),
  );
}

/** A document written as YAML, in block or flow style. */
export function configText(server: string): fc.Arbitrary<string> {
  return fc.tuple(configDocument(server), fc.boolean()).map(([doc, flow]) => stringify(doc, flow ? { collectionStyle: 'flow' } : {}));
}

/** Characters that mean something to YAML, plus a few that mean trouble. */
const YAML_NOISE = [':', '-', ' ', '  ', '\n', '\t', '{', '}', '[', ']', '&a', '*a', '<<: *a', '!', '!!binary', '|', '>', "'", '"', '%YAML 1.2', '---', '...', '#', ',', '?', '@', '`', '\\', '${', '\r', '\u2028', '\uFEFF', 'é', '😀', '\u0007'];

/** A generated file with random edits: characters inserted, ranges deleted, lines repeated. */
export function mutatedText(server: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...YAML_NOISE), fc.constantFrom('insert', 'delete', 'replace', 'repeat-line'));
  return fc.tuple(configText(server), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) =>
    edits.reduce((t, [at, length, noise, kind]) => {
      const i = t.length === 0 ? 0 : at % t.length;
      if (kind === 'insert') return t.slice(0, i) + noise + t.slice(i);
      if (kind === 'delete') return t.slice(0, i) + t.slice(i + length);
      if (kind === 'replace') return t.slice(0, i) + noise + t.slice(i + noise.length);
      const lines = t.split('\n');
      const n = lines.length === 0 ? 0 : at % lines.length;
      return [...lines.slice(0, n + 1), ...lines.slice(n)].join('\n');
    }, text),
  );
}

/** Text made of YAML's own punctuation and names, with no structure at all. */
export const noiseText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...YAML_NOISE, 'version', 'probes', 'defaults', '1', 'id', 'request', 'url'), fc.string({ maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Anchors and aliases, merged and nested: legitimate sharing and exponential expansion alike. */
export const aliasText: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([depth, width, merge]) => {
  const lines = ['version: 1', 'x-0: &a0 { surface: api, request: { url: "http://127.0.0.1:1/" } }'];
  for (let i = 1; i <= depth; i++) lines.push(`x-${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push(merge ? 'probes:\n  - { <<: *a0, id: merged }' : `probes: *a${depth}`);
  return `${lines.join('\n')}\n`;
});
