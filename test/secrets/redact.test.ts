import { describe, expect, it } from 'vitest';
import { escapeLabelValue, escapeMarkdown, escapeXml, REPORT_ESCAPES } from '../../src/report/escape.js';
import { secretForms } from '../../src/secrets/forms.js';
import { createRedactor, redactValue } from '../../src/secrets/redact.js';

describe('createRedactor', () => {
  it('masks a secret raw, JSON-escaped, URL-encoded and form-encoded', () => {
    const secret = 'p@ss "wörd"/+&';
    const redact = createRedactor([secret]);
    expect(redact(`a ${secret} b`)).toBe('a *** b');
    expect(redact(JSON.stringify({ v: secret }))).toBe('{"v":"***"}');
    expect(redact(`?q=${encodeURIComponent(secret)}`)).toBe('?q=***');
    expect(redact(new URLSearchParams({ password: secret }).toString())).toBe('password=***');
  });

  it('masks a secret as the XML, Markdown and Prometheus reporters escape it, given their escapes', () => {
    const secret = 'a<b>&"c\'|d\\e\n';
    const redact = createRedactor([secret], REPORT_ESCAPES);
    expect(redact(`<x v="${escapeXml(secret)}"/>`)).toBe('<x v="***"/>');
    expect(redact(`| ${escapeMarkdown(secret)} |`)).toBe('| *** |');
    expect(redact(`m{l="${escapeLabelValue(secret)}"} 1`)).toBe('m{l="***"} 1');
  });

  it('treats regex metacharacters literally and masks the longer of two overlapping secrets whole', () => {
    const redact = createRedactor(['a.b', 'a.b.c']);
    expect(redact('axb a.b.c a.b')).toBe('axb *** ***');
  });

  it('leaves text alone without secrets and ignores empty ones', () => {
    expect(createRedactor([''])('hello')).toBe('hello');
  });
});

describe('Redactor.with', () => {
  it('masks the secrets learnt later (a flow capture) as well as the first ones, in the same escaped forms', () => {
    const redact = createRedactor(['run-secret'], REPORT_ESCAPES).with(['cap<tured>']);
    expect(redact('run-secret cap<tured> cap&lt;tured&gt;')).toBe('*** *** ***');
    expect(createRedactor(['run-secret'])('cap<tured>')).toBe('cap<tured>');
  });
});

describe('redactValue', () => {
  it('masks every string of a plain value and keeps other objects as they are', () => {
    const when = new Date(0);
    const pattern = /s3cret/;
    const value = { a: 's3cret!', list: ['x', { deep: 'my s3cret' }], when, pattern, n: 1, none: null };
    const masked = redactValue(value, createRedactor(['s3cret']));
    expect(masked).toEqual({ a: '***!', list: ['x', { deep: 'my ***' }], when, pattern, n: 1, none: null });
    expect(masked.when).toBe(when);
    expect(value.a).toBe('s3cret!'); // a copy: the run's own result is untouched
    expect((value.list[1] as { deep: string }).deep).toBe('my s3cret');
  });

  it('shares what holds no secret: nothing to mask, nothing copied', () => {
    const clean = { kept: { deep: ['a', 'b'] }, n: 1 };
    const value = { a: 's3cret', clean };
    const masked = redactValue(value, createRedactor(['s3cret']));
    expect(masked).not.toBe(value);
    expect(masked.clean).toBe(clean);
    expect(redactValue(clean, createRedactor(['s3cret']))).toBe(clean);
    expect(redactValue(value, createRedactor([]))).toBe(value);
  });
});

describe('secret forms as a server or a URL parser gives them back', () => {
  const secret = 'Wörd #1 ?&/ ';
  const redact = createRedactor(secretForms(secret));
  it.each([
    ['trimmed (a header value)', 'x-echo: Wörd #1 ?&/'],
    ['read as Latin-1 (a header value in UTF-8)', `x-echo: ${Buffer.from('Wörd #1 ?&/').toString('latin1')}`],
    ['in a URL path, to the end', new URL(`http://h/p/${secret}`).href],
    ['in a URL query, to the end', new URL(`http://h/p?s=${secret}`).href],
    ['in an opaque URL', new URL(`javascript:${secret}`).href],
  ])('%s', (_name, text) => {
    expect(redact(text)).not.toMatch(/W(ö|%C3%B6|Ã¶)rd/);
    expect(redact(text)).toContain('***');
  });
});

// Issue 15, item 6: the forms other encoders give a secret back were not masked.
describe('echo forms from other encoders', () => {
  const secret = `it's "é"&/<*>`;
  const redact = createRedactor(secretForms(secret), REPORT_ESCAPES);
  const cases: [string, string][] = [
    ['numeric HTML entities, decimal (Go html/template)', 'it&#39;s &#34;é&#34;&amp;/&lt;*&gt;'],
    ['numeric HTML entities, hex (Python html.escape, React)', 'it&#x27;s &quot;é&quot;&amp;/&lt;*&gt;'],
    ['numeric HTML entities with leading zeros (PHP)', 'it&#039;s &quot;é&quot;&amp;/&lt;*&gt;'],
    ['every character as an entity', 'it&#x27;s&#x20;&#x22;&#xE9;&#x22;&#x26;&#x2F;&#x3C;&#x2A;&#x3E;'],
    ['JSON escapes: \\u0026, \\/ and \\u00e9', 'it\\u0027s \\"\\u00e9\\"\\u0026\\/\\u003c*\\u003e'],
    ['JSON escapes in upper-case hex', 'it\\u0027s \\"\\u00E9\\"\\u0026\\/\\u003C*\\u003E'],
    ['lowercase percent-encoding', "it's%20%22%c3%a9%22%26%2f%3c*%3e"],
    ['strict RFC 3986 percent-encoding (! \' ( ) * encoded too)', 'it%27s%20%22%C3%A9%22%26%2F%3C%2A%3E'],
  ];
  it.each(cases)('%s', (_name, echoed) => {
    expect(redact(`echo: ${echoed}!`)).toBe('echo: ***!');
  });

  it('a secret host name, lowercased by the URL parser', () => {
    const host = createRedactor(secretForms('Internal-Admin.Example'));
    expect(host(new URL('https://Internal-Admin.Example/x').href)).toBe('https://***/x');
  });

  it('masks no more than the secret', () => {
    expect(createRedactor(secretForms('a&b'))('a&c ab a+b a&amp;b')).toBe('a&c ab a+b ***');
  });
});

// Issue 15, item 2: values, not documents.
describe('redactValue keeps the report vocabulary and names', () => {
  it('masks free text but not a class, kind, surface, id or number that equals a secret', () => {
    const failure = { class: 'reset', phase: 'ttfb', code: 'ECONNRESET', note: 'reset by peer', n: 1 };
    const probe = { id: 'api', kind: 'http', surface: 'api', tags: ['api'], message: 'api said no' };
    expect(redactValue(failure, createRedactor(['reset']))).toEqual({ class: 'reset', phase: 'ttfb', code: 'ECONNRESET', note: '*** by peer', n: 1 });
    expect(redactValue(probe, createRedactor(['api']))).toEqual({ id: 'api', kind: 'http', surface: 'api', tags: ['api'], message: '*** said no' });
  });

  it('masks a TLS reason, which may quote a secret host name', () => {
    const tls = { class: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', reason: "Host: admin.example. is not in the cert's altnames" };
    expect(redactValue(tls, createRedactor(secretForms('Admin.Example'))).reason).toBe("Host: ***. is not in the cert's altnames");
  });
});
