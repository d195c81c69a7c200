import { describe, expect, it } from 'vitest';
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

  it('treats regex metacharacters literally and masks the longer of two overlapping secrets whole', () => {
    const redact = createRedactor(['a.b', 'a.b.c']);
    expect(redact('axb a.b.c a.b')).toBe('axb *** ***');
  });

  it('leaves text alone without secrets and ignores empty ones', () => {
    expect(createRedactor([''])('hello')).toBe('hello');
  });
});
