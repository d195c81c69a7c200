// The pure parts of `init`: ids, URL checks, guesses from a response, the schema line.
import { describe, expect, it } from 'vitest';
import { firstJsonKey, guessExpect, guessSurface } from '../../src/init/guess.js';
import { parseHttpUrl } from '../../src/init/http-url.js';
import { IdAllocator, idFromUrl } from '../../src/init/probe-id.js';
import { schemaLine } from '../../src/init/schema-line.js';

const ID = /^[A-Za-z0-9._-]+$/;

describe('probe ids from host and path', () => {
  it('joins host and path with "-" and keeps only id characters', () => {
    expect(idFromUrl(new URL('https://api.example.com/v1/users?x=1'), true)).toBe('api.example.com-v1-users');
    expect(idFromUrl(new URL('https://example.com/'), true)).toBe('example.com');
    expect(idFromUrl(new URL('http://[::1]:8080/a b/ü'), true)).toBe('1-a-b');
    expect(idFromUrl(new URL('https://example.com/'), false)).toBe('home');
    expect(idFromUrl(new URL('https://example.com/%E2%9C%93/..x/'), false)).toBe('x');
  });

  it('always gives a valid id, and a unique one', () => {
    const ids = new IdAllocator();
    const taken = ['https://e.com/a', 'https://e.com/a?b', 'https://e.com/A', 'https://e.com/%%%'].map((u) => ids.take(idFromUrl(new URL(u), false)));
    expect(taken).toEqual(['a', 'a-2', 'A-3', 'home']);
    for (const id of taken) expect(id).toMatch(ID);
  });
});

describe('command-line URLs', () => {
  it('takes http and https, drops the fragment, and says what else is wrong', () => {
    expect((parseHttpUrl('https://example.com/x#top') as URL).href).toBe('https://example.com/x');
    expect(parseHttpUrl('example.com/health')).toEqual({ error: '"example.com/health" is not an http or https URL (did you mean "https://example.com/health"?)' });
    expect(parseHttpUrl('file:///etc/passwd')).toEqual({ error: '"file:///etc/passwd" is not an http or https URL (its scheme is file)' });
    expect(parseHttpUrl('http://')).toEqual({ error: '"http://" is not an http or https URL' });
  });
});

describe('guesses from one response', () => {
  it('calls JSON and API-looking paths api, pages and files web, and says why', () => {
    expect(guessSurface('/status', 'application/problem+json')).toEqual({ surface: 'api', why: 'surface api: it answered application/problem+json' });
    expect(guessSurface('/v2/items', undefined).surface).toBe('api');
    expect(guessSurface('/', 'text/html').surface).toBe('web');
    expect(guessSurface('/apidocs', 'text/html').surface).toBe('web');
    expect(guessSurface('/feed', 'application/xhtml+xml').surface).toBe('web');
  });

  it('expects a 2xx seen exactly, its content type escaped as a regex, and a JSON key that exists', () => {
    const { expect: expected } = guessExpect({ status: 200, contentType: 'application/vnd.api+json', body: '{"data":[]}' });
    expect(expected).toEqual({ status: 200, headers: { 'content-type': { matches: 'application/vnd\\.api\\+json' } }, json: { '$.data': { exists: true } } });
    expect(new RegExp('application/vnd\\.api\\+json').test('application/vnd.api+json; charset=utf-8')).toBe(true);
  });

  it('does not expect an error status it happened to see', () => {
    const { expect: expected, notes } = guessExpect({ status: 503, contentType: 'text/html', body: '' });
    expect(expected).toEqual({});
    expect(notes[0]).toMatch(/answered 503 .* expects any 2xx/);
  });

  it('finds a key the path syntax can name, in an object or a list of objects', () => {
    expect(firstJsonKey('[{"id":1}]')).toBe('$[0].id');
    expect(firstJsonKey('{"a b":1,"ok":true}')).toBe('$.ok');
    expect(firstJsonKey('"text"')).toBeUndefined();
    expect(firstJsonKey('{')).toBeUndefined();
  });
});

describe('the schema line', () => {
  it('is relative within one project and absolute across unrelated folders', () => {
    expect(schemaLine('/srv/app/probes.yaml', '/srv/app/node_modules/upprobe/schema/probes.schema.json')).toBe(
      '# yaml-language-server: $schema=./node_modules/upprobe/schema/probes.schema.json',
    );
    expect(schemaLine('/srv/app/test/fixtures/p.yaml', '/srv/app/schema/probes.schema.json')).toBe('# yaml-language-server: $schema=../../schema/probes.schema.json');
    expect(schemaLine('/tmp/p.yaml', '/usr/lib/node_modules/upprobe/schema/probes.schema.json')).toBe(
      '# yaml-language-server: $schema=/usr/lib/node_modules/upprobe/schema/probes.schema.json',
    );
  });
});
