import { describe, expect, it } from 'vitest';
import { MAX_ADDRESSES, MAX_STATUSES } from '../../src/analysis/diagnosis/index.js';
import type { Failure, SampleFailure } from '../../src/model/failure.js';
import { EvidenceCollector } from '../../src/run/evidence-collector.js';

const at = (failure: Failure): SampleFailure => ({ failure, url: 'http://127.0.0.1/', step: null });
const http = (status: number, text = ''): SampleFailure =>
  at({ class: status >= 500 ? 'http_5xx' : 'http_4xx', status, statusText: text });

describe('EvidenceCollector', () => {
  it('keeps the first passing answer\'s edge headers, and then stops asking for them', () => {
    const c = new EvidenceCollector();
    expect(c.wantsHeaders(false)).toBe(true);
    c.add(null, 3, { status: 200, edgeHeaders: { server: 'upprobe-edge' }, peerAddress: '127.0.0.1:8080' });
    expect(c.wantsHeaders(false)).toBe(false);
    expect(c.wantsHeaders(true)).toBe(true);
    c.add(null, 3, { status: 200, edgeHeaders: { server: 'other' } });
    expect(c.result().passingEdgeHeaders).toEqual({ server: 'upprobe-edge' });
    expect(c.result().addresses).toEqual({ answered: ['127.0.0.1:8080'], failed: [] });
  });

  it('counts failed answers per (class, status) with the p50 and the first answer\'s headers', () => {
    const c = new EvidenceCollector();
    c.add(http(503, 'Service Unavailable'), 2, { status: 503, statusText: 'Service Unavailable', edgeHeaders: { 'cf-ray': '1-AMS' } });
    c.add(http(503, 'Service Unavailable'), 4, { status: 503, statusText: 'Service Unavailable', edgeHeaders: { 'cf-ray': '2-FRA' } });
    c.add(http(503, 'Service Unavailable'), 6, { status: 503, statusText: 'Service Unavailable' });
    c.add(http(404), 1, { status: 404 });
    const { statuses } = c.result();
    expect(statuses).toHaveLength(2);
    expect(statuses[0]).toEqual({ class: 'http_5xx', status: 503, statusText: 'Service Unavailable', count: 3, p50Ms: 4, edgeHeaders: { 'cf-ray': '1-AMS' } });
    expect(statuses[1]).toMatchObject({ class: 'http_4xx', status: 404, count: 1 });
  });

  it("keeps a server's reason phrase printable and short", () => {
    const c = new EvidenceCollector();
    c.add(http(500), 1, { status: 500, statusText: `\u001b[2J${'x'.repeat(200)}` });
    const [entry] = c.result().statuses;
    expect(entry?.statusText).not.toContain('\u001b');
    expect(entry?.statusText.length).toBeLessThanOrEqual(60);
  });

  it('keeps at most MAX_STATUSES distinct statuses and counts the rest', () => {
    const c = new EvidenceCollector();
    for (let i = 0; i < MAX_STATUSES + 5; i++) c.add(http(500 + i), 1, { status: 500 + i });
    expect(c.result().statuses).toHaveLength(MAX_STATUSES);
    expect(c.result().otherStatuses).toBe(5);
  });

  it('tells refused, unanswered and unreachable connects apart, with the addresses tried', () => {
    const c = new EvidenceCollector();
    c.add(at({ class: 'connect', code: 'ECONNREFUSED', timedOut: false }), null, { status: null, peerAddress: '127.0.0.1:1' });
    c.add(at({ class: 'connect', code: 'ETIMEDOUT', timedOut: true }), null, { status: null, peerAddress: '127.0.0.1:2' });
    c.add(at({ class: 'connect', code: 'EHOSTUNREACH', timedOut: false }), null, null);
    const e = c.result();
    expect(e.connect).toEqual({ refused: 1, unanswered: 1, unreachable: 1 });
    expect(e.addresses).toEqual({ answered: [], failed: ['127.0.0.1:1', '127.0.0.1:2'] });
  });

  it('a connect failure that names the address it tried counts that address as failed', () => {
    const c = new EvidenceCollector();
    const failure = at({ class: 'connect', code: 'ECONNREFUSED', timedOut: false, address: '127.0.0.1:8081' });
    c.add(failure, null, null);
    expect(c.result().addresses.failed).toEqual(['127.0.0.1:8081']);
  });

  it('keeps at most MAX_ADDRESSES addresses per list', () => {
    const c = new EvidenceCollector();
    for (let i = 0; i < MAX_ADDRESSES * 3; i++) c.add(at({ class: 'connect', code: 'ECONNREFUSED', timedOut: false }), null, { status: null, peerAddress: `127.0.0.${i}:80` });
    expect(c.result().addresses.failed).toHaveLength(MAX_ADDRESSES);
    expect(c.result().connect.refused).toBe(MAX_ADDRESSES * 3);
  });

  it('sorts dns, tls, reset and timeout failures into what they point to', () => {
    const c = new EvidenceCollector();
    c.add(at({ class: 'dns', code: 'ENOTFOUND', host: 'x' }), null, null);
    c.add(at({ class: 'dns', code: 'NXDOMAIN', host: 'x' }), null, null);
    c.add(at({ class: 'dns', code: 'SERVFAIL', host: 'x' }), null, null);
    c.add(at({ class: 'dns', code: 'ETIMEOUT', host: 'x' }), null, null);
    c.add(at({ class: 'tls', code: 'CERT_HAS_EXPIRED', reason: '' }), null, null);
    c.add(at({ class: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', reason: '' }), null, null);
    c.add(at({ class: 'tls', code: 'CERT_EXPIRES_SOON', reason: '' }), null, null);
    c.add(at({ class: 'tls', code: 'ERR_SSL_WRONG_VERSION_NUMBER', reason: '' }), null, null);
    c.add(at({ class: 'reset', phase: 'ttfb', code: 'ECONNRESET' }), null, null);
    c.add(at({ class: 'reset', phase: 'body', code: 'ECONNRESET' }), null, null);
    c.add(at({ class: 'timeout', phase: 'tls', afterMs: 1 }), null, null);
    c.add(at({ class: 'timeout', phase: 'ttfb', afterMs: 1 }), null, null);
    const e = c.result();
    expect(e.dns).toEqual({ notFound: 2, serverFailure: 1, timedOut: 1 });
    expect(e.tls).toEqual({ certificate: 2, expiringSoon: 1, handshake: 1 });
    expect(e.resets).toEqual({ beforeResponse: 1, afterResponse: 1 });
    expect(e.timeouts).toEqual({ handshake: 1, answer: 1 });
  });

  it('a flow keeps its credential step and takes its steps at the end', () => {
    const c = new EvidenceCollector({ credentialStep: 1 });
    c.setFlowSteps([{ id: 'form', failuresByClass: {} }, { id: 'submit', failuresByClass: { http_5xx: 2 } }]);
    expect(c.result().flow).toEqual({ credentialStep: 1, steps: [{ id: 'form', failuresByClass: {} }, { id: 'submit', failuresByClass: { http_5xx: 2 } }] });
    expect(new EvidenceCollector().result().flow).toBeNull();
  });
});
