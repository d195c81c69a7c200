import { describe, expect, it } from 'vitest';
import { escapeLabelValue, escapeMarkdown, escapeXml } from '../../src/report/escape.js';
import { createRedactor } from '../../src/report/redact.js';

describe('createRedactor', () => {
  it('masks a secret raw, JSON-escaped, URL-encoded and form-encoded', () => {
    const secret = 'p@ss "wörd"/+&';
    const redact = createRedactor([secret]);
    expect(redact(`a ${secret} b`)).toBe('a *** b');
    expect(redact(JSON.stringify({ v: secret }))).toBe('{"v":"***"}');
    expect(redact(`?q=${encodeURIComponent(secret)}`)).toBe('?q=***');
    expect(redact(new URLSearchParams({ password: secret }).toString())).toBe('password=***');
  });

  it('masks a secret as the XML, Markdown and Prometheus reporters escape it', () => {
    const secret = 'a<b>&"c\'|d\\e\n';
    const redact = createRedactor([secret]);
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
