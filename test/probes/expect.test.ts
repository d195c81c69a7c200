import { describe, expect, it } from 'vitest';
import { checkLatency, checkResponse } from '../../src/probes/expect.js';
import type { ExchangeResponse } from '../../src/http/exchange.js';
import { Pattern } from '../../src/config/pattern.js';

/** A pattern as the loader compiles it. */
function re(source: string): Pattern {
  const pattern = Pattern.compile(source);
  if (!(pattern instanceof Pattern)) throw new Error(pattern.error);
  return pattern;
}

function response(status: number, body: string, headers: Record<string, string> = {}): ExchangeResponse {
  return { status, statusText: '', headers, body: Buffer.from(body) };
}

describe('status expectations', () => {
  it('defaults to 2xx, or 2xx/3xx when redirects are not followed', () => {
    expect(checkResponse({}, response(204, ''), true)).toBeNull();
    expect(checkResponse({}, response(302, ''), true)).toMatchObject({ class: 'assertion', check: 'status', expected: '2xx', actual: '302' });
    expect(checkResponse({}, response(302, ''), false)).toBeNull();
  });

  it('classes an unexpected 5xx and 4xx as http_5xx / http_4xx, with Retry-After', () => {
    expect(checkResponse({}, response(503, ''), true)).toMatchObject({ class: 'http_5xx', status: 503 });
    expect(checkResponse({}, response(429, '', { 'retry-after': '30' }), true)).toMatchObject({ class: 'http_4xx', status: 429, retryAfter: '30' });
  });

  it('accepts exact codes, lists and classes', () => {
    const expectOf = (codes: number[], classes: number[]) => ({ status: { codes, classes } });
    expect(checkResponse(expectOf([200, 204], []), response(204, ''), true)).toBeNull();
    expect(checkResponse(expectOf([404], [2]), response(404, ''), true)).toBeNull();
    expect(checkResponse(expectOf([404], []), response(200, ''), true)).toMatchObject({ class: 'assertion', check: 'status', expected: '404' });
  });
});

describe('body, json and header expectations', () => {
  it('checks body contains and matches', () => {
    expect(checkResponse({ body: { contains: 'items' } }, response(200, '{"items":[]}'), true)).toBeNull();
    expect(checkResponse({ body: { contains: 'nope' } }, response(200, 'hello'), true)).toMatchObject({ class: 'assertion', check: 'body', actual: 'hello' });
    expect(checkResponse({ body: { matches: re('^hel+o$') } }, response(200, 'hello'), true)).toBeNull();
    expect(checkResponse({ body: { matches: re('^x') } }, response(200, 'hello'), true)).toMatchObject({ check: 'body' });
  });

  it('checks JSON paths: equals, exists, contains, matches, and a body that is not JSON', () => {
    const body = JSON.stringify({ status: 'ok', items: [1, 2], user: { name: 'ada' } });
    const ok = (json: NonNullable<Parameters<typeof checkResponse>[0]['json']>) => checkResponse({ json }, response(200, body), true);
    expect(ok([{ path: '$.status', check: { op: 'equals', value: 'ok' } }])).toBeNull();
    expect(ok([{ path: '$.items', check: { op: 'exists', value: true } }])).toBeNull();
    expect(ok([{ path: '$.missing', check: { op: 'exists', value: false } }])).toBeNull();
    expect(ok([{ path: '$.items', check: { op: 'contains', value: 2 as unknown as string } }])).toBeNull();
    expect(ok([{ path: '$.user.name', check: { op: 'matches', value: re('^a') } }])).toBeNull();
    expect(ok([{ path: '$.status', check: { op: 'equals', value: 'down' } }])).toMatchObject({
      class: 'assertion', check: 'json', target: '$.status', expected: 'equals "down"', actual: '"ok"',
    });
    expect(ok([{ path: '$.nope', check: { op: 'exists', value: true } }])).toMatchObject({ actual: '(absent)' });
    expect(checkResponse({ json: [{ path: '$.a', check: { op: 'exists', value: true } }] }, response(200, '<html>'), true)).toMatchObject({
      check: 'json', expected: 'a JSON body',
    });
  });

  it('checks headers case-insensitively by their lowercased name', () => {
    const res = response(200, '', { 'content-type': 'application/json' });
    expect(checkResponse({ headers: [{ name: 'content-type', check: { op: 'matches', value: re('json') } }] }, res, true)).toBeNull();
    expect(checkResponse({ headers: [{ name: 'x-missing', check: { op: 'exists', value: true } }] }, res, true)).toMatchObject({
      check: 'header', target: 'x-missing',
    });
  });

  it('reports the status before the body (SPEC precedence)', () => {
    expect(checkResponse({ body: { contains: 'x' } }, response(500, ''), true)).toMatchObject({ class: 'http_5xx' });
  });
});

describe('maxLatency', () => {
  it('fails a slower sample as slow', () => {
    expect(checkLatency({ maxLatencyMs: 100 }, 99)).toBeNull();
    expect(checkLatency({ maxLatencyMs: 100 }, 150)).toEqual({ class: 'slow', latencyMs: 150, limitMs: 100 });
  });
});
