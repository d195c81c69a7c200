// Checks a response against a probe's (or a flow step's) expectations. One implementation,
// shared by every probe kind; the first failed check, in SPEC precedence, decides the class.
import { isDeepStrictEqual } from 'node:util';
import { evaluateJsonPath } from '../config/jsonpath.js';
import type { Expectations, StatusMatcher, ValueCheck } from '../config/types.js';
import type { Failure } from '../model/failure.js';
import { checkCertificate } from '../http/certificate.js';
import type { ExchangeResponse } from '../http/exchange.js';
import { bodyExcerpt } from '../model/server-text.js';
import type { TlsInfo } from '../model/tls.js';
import type { Redact } from '../secrets/redact.js';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body.js';

/** How much of an unexpected value a failure keeps: enough to recognise, bounded in memory. */
const MAX_ACTUAL_CHARS = 120;

/** Statuses that pass when the probe names none (SPEC). */
export function defaultStatus(followRedirects: boolean): StatusMatcher {
  return { codes: [], classes: followRedirects ? [2] : [2, 3] };
}

export function statusMatches(matcher: StatusMatcher, status: number): boolean {
  return matcher.codes.includes(status) || matcher.classes.includes(Math.floor(status / 100));
}

/**
 * The first expectation the response fails, or null. Latency (`slow`) is checked by the caller.
 * `redact` masks secrets in what a failure keeps of the response before it is cut short: half a
 * secret cannot be recognised later, at the output boundary.
 */
export function checkResponse(expect: Expectations, response: ExchangeResponse, followRedirects: boolean, redact: Redact = (t) => t): Failure | null {
  const excerpt = (text: string) => shorten(redact(text));
  const describeValue = (value: unknown) => excerpt(typeof value === 'string' ? JSON.stringify(value) : textOf(value));
  const checkValue = (check: ValueCheck, found: boolean, value: unknown) => compare(check, found, value, describeValue);
  const status = expect.status ?? defaultStatus(followRedirects);
  if (!statusMatches(status, response.status)) return unexpectedStatus(status, response, redact);

  if (expect.body) {
    const text = response.body.toString('utf8');
    const { contains, matches, notContains, notMatches } = expect.body;
    if (contains !== undefined && !text.includes(contains)) {
      return { class: 'assertion', check: 'body', expected: `contains ${JSON.stringify(contains)}`, actual: excerpt(text) };
    }
    if (matches !== undefined && !matches.test(text)) {
      return { class: 'assertion', check: 'body', expected: `matches /${matches.source}/`, actual: excerpt(text) };
    }
    // The soft-error page served as 200: what the body must not say, shown where it says it.
    if (notContains !== undefined) {
      const at = text.indexOf(notContains);
      if (at !== -1) return { class: 'assertion', check: 'body', expected: `not contains ${JSON.stringify(notContains)}`, actual: excerpt(around(text, at)) };
    }
    if (notMatches !== undefined) {
      const at = notMatches.firstIndex(text);
      if (at !== -1) return { class: 'assertion', check: 'body', expected: `not matches /${notMatches.source}/`, actual: excerpt(around(text, at)) };
    }
  }

  if (expect.json && expect.json.length > 0) {
    const text = response.body.toString('utf8');
    const parsed = parseJsonBody(text);
    if ('problem' in parsed) {
      return parsed.problem === 'too-deep'
        ? { class: 'assertion', check: 'json', expected: `a JSON body nested at most ${MAX_JSON_DEPTH} levels deep`, actual: `nested deeper than ${MAX_JSON_DEPTH} levels` }
        : { class: 'assertion', check: 'json', expected: 'a JSON body', actual: excerpt(text) };
    }
    for (const { path, check } of expect.json) {
      const found = evaluateJsonPath(parsed.document, path);
      const failure = checkValue(check, found.found, found.value);
      if (failure) return { class: 'assertion', check: 'json', target: path, ...failure };
    }
  }

  for (const { name, check } of expect.headers ?? []) {
    const value = response.headers[name];
    const text = Array.isArray(value) ? value.join(', ') : value;
    const failure = checkValue(check, text !== undefined, text);
    if (failure) return { class: 'assertion', check: 'header', target: name, ...failure };
  }
  return null;
}

/** `certificate.minDaysLeft`: a leaf expiring sooner fails as `tls` (above every HTTP class). */
export function checkExpiry(expect: Expectations, tls: TlsInfo | null): Failure | null {
  return expect.certificate ? checkCertificate(tls, expect.certificate.minDaysLeft) : null;
}

/** A latency over `maxLatency` fails as `slow`, lowest in precedence. */
export function checkLatency(expect: Expectations, latencyMs: number): Failure | null {
  if (expect.maxLatencyMs === undefined || latencyMs <= expect.maxLatencyMs) return null;
  return { class: 'slow', latencyMs, limitMs: expect.maxLatencyMs };
}

/** A links probe's `expect.finalUrl`: where each redirect chain had to end. */
export function checkFinalUrl(expect: Expectations, url: URL, redact: Redact = (t) => t): Failure | null {
  if (!expect.finalUrl) return null;
  const failure = compare(expect.finalUrl, true, url.href, (value) => shorten(redact(textOf(value))));
  return failure && { class: 'assertion', check: 'finalUrl', ...failure };
}

/** The status failure, with the start of the body: the "why" of a 500 is usually there. */
function unexpectedStatus(expected: StatusMatcher, response: ExchangeResponse, redact: Redact): Failure {
  const { status, statusText } = response;
  const text = bodyExcerpt(response.body, headerText(response.headers['content-type']), redact);
  const excerpt = text === '' ? {} : { excerpt: text };
  if (status >= 500 && status <= 599) return { class: 'http_5xx', status, statusText, ...excerpt };
  if (status >= 400 && status <= 499) {
    const retryAfter = response.headers['retry-after'];
    return { class: 'http_4xx', status, statusText, ...(typeof retryAfter === 'string' ? { retryAfter } : {}), ...excerpt };
  }
  const wanted = [...expected.codes.map(String), ...expected.classes.map((c) => `${c}xx`)].join(' or ');
  return { class: 'assertion', check: 'status', expected: wanted, actual: String(status), ...excerpt };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function compare(check: ValueCheck, found: boolean, value: unknown, describeValue: (value: unknown) => string): { expected: string; actual: string } | null {
  const actual = found ? describeValue(value) : '(absent)';
  switch (check.op) {
    case 'exists':
      return found === check.value ? null : { expected: check.value ? 'present' : 'absent', actual };
    case 'equals':
      return found && (isDeepStrictEqual(value, check.value) || String(value) === String(check.value))
        ? null
        : { expected: `equals ${JSON.stringify(check.value)}`, actual };
    case 'contains': {
      const ok = found && (Array.isArray(value) ? value.includes(check.value) : textOf(value).includes(check.value));
      return ok ? null : { expected: `contains ${JSON.stringify(check.value)}`, actual };
    }
    case 'matches':
      return found && check.value.test(textOf(value)) ? null : { expected: `matches /${check.value.source}/`, actual };
  }
}

/** The text from a little before `index`, so that an excerpt shows the place that matched. */
function around(text: string, index: number): string {
  const start = Math.max(0, index - 40);
  return (start > 0 ? '…' : '') + text.slice(start);
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ACTUAL_CHARS ? `${oneLine.slice(0, MAX_ACTUAL_CHARS)}…` : oneLine;
}
