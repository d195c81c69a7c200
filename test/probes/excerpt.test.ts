// Issue 16 item 7: the start of a failing response's body in the failure, short, secret-free and
// inert in a terminal.
import { describe, expect, it } from 'vitest';
import type { ExchangeResponse } from '../../src/http/exchange.js';
import { failureKey } from '../../src/model/failure.js';
import { checkResponse } from '../../src/probes/expect.js';
import { describeFailure } from '../../src/report/describe.js';
import { createRedactor } from '../../src/secrets/redact.js';
import { bodyExcerpt, withoutControls } from '../../src/model/server-text.js';

function response(status: number, body: string, contentType = 'text/plain'): ExchangeResponse {
  return { status, statusText: status === 500 ? 'Internal Server Error' : '', headers: { 'content-type': contentType }, body: Buffer.from(body) };
}

const DJANGO_500 = `<!DOCTYPE html><html><head><title>OperationalError at /admin/login/</title>
<style>body { color: red }</style><script>var x = "<b>";</script></head>
<body><h1>OperationalError at /admin/login/</h1><pre class="exception_value">attempt to write a readonly database</pre></body></html>`;

describe('body excerpts', () => {
  it('a 500 keeps the text of its page: the "why" of a server error', () => {
    const failure = checkResponse({}, response(500, DJANGO_500, 'text/html; charset=utf-8'), true);
    expect(failure).toMatchObject({
      class: 'http_5xx',
      excerpt: 'OperationalError at /admin/login/ OperationalError at /admin/login/ attempt to write a readonly database',
    });
    expect(failure && describeFailure(failure)).toBe(
      '500 Internal Server Error · body: OperationalError at /admin/login/ OperationalError at /admin/login/ attempt to write a readonly database',
    );
  });

  it('4xx and status assertions keep one too; an empty body none', () => {
    expect(checkResponse({}, response(401, '{"error":"token expired"}', 'application/json'), true)).toMatchObject({ class: 'http_4xx', excerpt: '{"error":"token expired"}' });
    expect(checkResponse({}, response(302, 'see /login'), true)).toMatchObject({ class: 'assertion', check: 'status', excerpt: 'see /login' });
    expect(checkResponse({}, response(503, ''), true)).not.toHaveProperty('excerpt');
  });

  it('is at most 200 characters on one line', () => {
    const excerpt = bodyExcerpt(Buffer.from(`line one\n\n\tline two ${'x'.repeat(500)}`), 'text/plain', (t) => t);
    expect(excerpt).toHaveLength(200);
    expect(excerpt.startsWith('line one line two xxx')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('masks a secret before cutting, so half a secret is never kept', () => {
    const secret = 'tok-1234567890abcdef';
    const body = `${'a'.repeat(190)} ${secret} trailing`;
    const excerpt = bodyExcerpt(Buffer.from(body), 'text/plain', createRedactor([secret]));
    expect(excerpt).not.toContain('tok-12');
    expect(excerpt).toContain('***');
  });

  it('replaces escape sequences and other control characters: a server cannot clear or retitle the terminal', () => {
    const body = 'fine\u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eevil';
    const failure = checkResponse({}, response(500, body), true);
    const text = failure ? describeFailure(failure) : '';
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('fine\uFFFD[2J\uFFFD]0;pwned\uFFFD');
  });

  it('applies to every message shown: a body assertion, a status text', () => {
    const assertion = checkResponse({ body: { contains: 'ok' } }, response(200, 'bad \u001b[31m red'), true);
    expect(assertion && describeFailure(assertion)).toBe('body: expected contains "ok", got bad \uFFFD[31m red');
    expect(describeFailure({ class: 'http_5xx', status: 502, statusText: 'Bad\u001b[0m Gateway' })).toBe('502 Bad\uFFFD[0m Gateway');
    expect(withoutControls('a\u0000b')).toBe('a\uFFFDb');
  });

  it('does not split one error into many: samples whose pages differ (a request id) count as one', () => {
    const a = checkResponse({}, response(500, 'request 1 failed'), true);
    const b = checkResponse({}, response(500, 'request 2 failed'), true);
    const key = (failure: typeof a) => failureKey({ failure: failure!, url: 'http://x/', step: null });
    expect(key(a)).toBe(key(b));
  });
});
