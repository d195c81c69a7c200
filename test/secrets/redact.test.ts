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
