import { describe, expect, it } from 'vitest';
import { EDGE_HEADER_NAMES, EDGE_PROVIDERS, describeEdge, isOriginUnreachable, pickEdgeHeaders, recogniseEdge } from '../../src/analysis/edges/index.js';

describe('recogniseEdge', () => {
  it('Cloudflare by cf-ray, with the PoP after the dash and the cache status', () => {
    const edge = recogniseEdge({ 'cf-ray': '8e4f3c2b1a0d9e7f-AMS', server: 'cloudflare', 'cf-cache-status': 'DYNAMIC' });
    expect(edge).toEqual({ provider: 'cloudflare', name: 'Cloudflare', pop: 'AMS', cache: 'DYNAMIC', challenge: false, generated: false });
    expect(describeEdge(edge!)).toBe('Cloudflare (AMS)');
  });

  it('Cloudflare by server alone, without a PoP', () => {
    expect(recogniseEdge({ server: 'cloudflare' })).toMatchObject({ provider: 'cloudflare', pop: null });
  });

  it("Cloudflare's challenge: cf-mitigated: challenge", () => {
    expect(recogniseEdge({ 'cf-ray': '1-LHR', 'cf-mitigated': 'challenge' })?.challenge).toBe(true);
    expect(recogniseEdge({ 'cf-ray': '1-LHR', 'cf-mitigated': 'block' })?.challenge).toBe(false);
  });

  it('Fastly by x-served-by, the PoP of the node nearest the client (the last one)', () => {
    const edge = recogniseEdge({ 'x-served-by': 'cache-iad-kiad7000025-IAD, cache-ams21381-AMS', 'x-cache': 'MISS, HIT', via: '1.1 varnish, 1.1 varnish' });
    expect(edge).toMatchObject({ provider: 'fastly', name: 'Fastly', pop: 'AMS', cache: 'MISS, HIT' });
  });

  it('CloudFront by x-amz-cf-pop; "Error from cloudfront" means it made the answer itself', () => {
    const edge = recogniseEdge({ 'x-amz-cf-pop': 'FRA56-P5', 'x-cache': 'Error from cloudfront', via: '1.1 abc.cloudfront.net (CloudFront)' });
    expect(edge).toMatchObject({ provider: 'cloudfront', pop: 'FRA56-P5', generated: true, cache: 'Error from cloudfront' });
    expect(recogniseEdge({ 'x-cache': 'Hit from cloudfront' })).toMatchObject({ provider: 'cloudfront', generated: false });
    expect(recogniseEdge({ via: '1.1 0f3e.cloudfront.net (CloudFront)' })?.provider).toBe('cloudfront');
  });

  it("AWS WAF's challenge and CAPTCHA behind CloudFront", () => {
    expect(recogniseEdge({ 'x-amz-cf-id': 'abc', 'x-amzn-waf-action': 'captcha' })?.challenge).toBe(true);
  });

  it('Akamai by server: AkamaiGHost (its own answers) or its request headers', () => {
    expect(recogniseEdge({ server: 'AkamaiGHost' })).toMatchObject({ provider: 'akamai', generated: true, pop: null });
    expect(recogniseEdge({ 'x-akamai-request-id': '1a2b', server: 'nginx' })).toMatchObject({ provider: 'akamai', generated: false });
  });

  it('the built-in target as upprobe-edge, with its PoP, challenge and own answers', () => {
    const edge = recogniseEdge({ server: 'upprobe-edge', 'x-upprobe-pop': 'LO1', 'x-upprobe-mitigated': 'challenge', 'x-upprobe-generated': 'edge' });
    expect(edge).toMatchObject({ provider: 'upprobe-edge', pop: 'LO1', challenge: true, generated: true });
  });

  it('a generic proxy by via, named by what it calls itself', () => {
    expect(recogniseEdge({ via: '1.1 vegur, 1.1 varnish' })).toMatchObject({ provider: 'proxy', name: 'a proxy (via varnish)', pop: null });
    expect(recogniseEdge({ via: 'garbage' })).toMatchObject({ provider: 'proxy', name: 'a proxy' });
  });

  it('unknown servers make no claim', () => {
    expect(recogniseEdge({})).toBeNull();
    expect(recogniseEdge({ server: 'nginx/1.25' })).toBeNull();
    expect(recogniseEdge({ 'x-cache': 'HIT' })).toBeNull();
    expect(recogniseEdge({ 'x-served-by': 'app-server-3' })).toBeNull();
  });

  it('a hostile PoP cannot carry escape sequences or grow without bound', () => {
    const edge = recogniseEdge({ server: 'upprobe-edge', 'x-upprobe-pop': `\u001b[31mRED${'x'.repeat(500)}` });
    expect(edge?.pop).not.toContain('\u001b');
    expect(edge?.pop?.length).toBeLessThanOrEqual(40);
  });
});

describe('isOriginUnreachable', () => {
  const cloudflare = recogniseEdge({ 'cf-ray': '1-AMS' })!;
  const fastly = recogniseEdge({ 'x-served-by': 'cache-ams1-AMS' })!;

  it("Cloudflare's 520–527 and any edge's 502/504", () => {
    for (const status of [520, 521, 522, 523, 524, 525, 526, 527, 502, 504]) expect(isOriginUnreachable(cloudflare, status), String(status)).toBe(true);
    expect(isOriginUnreachable(fastly, 502)).toBe(true);
  });

  it('not a plain 500 or 503, nor 52x from an edge that does not use them', () => {
    expect(isOriginUnreachable(cloudflare, 500)).toBe(false);
    expect(isOriginUnreachable(cloudflare, 503)).toBe(false);
    expect(isOriginUnreachable(fastly, 521)).toBe(false);
  });
});

describe('the table', () => {
  it('every row has a unique id and a recognising sign; the generic via row is last', () => {
    const ids = EDGE_PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const provider of EDGE_PROVIDERS) expect(provider.recognisedBy.length, provider.id).toBeGreaterThan(0);
    expect(ids.at(-1)).toBe('proxy');
  });

  it('the header list covers what the rows read, in lower case, plus retry-after and age', () => {
    for (const name of ['server', 'via', 'cf-ray', 'cf-cache-status', 'cf-mitigated', 'x-cache', 'x-served-by', 'x-amz-cf-pop', 'retry-after', 'age']) {
      expect(EDGE_HEADER_NAMES).toContain(name);
    }
    for (const name of EDGE_HEADER_NAMES) expect(name).toBe(name.toLowerCase());
  });
});

describe('pickEdgeHeaders', () => {
  it('keeps only the headers the table reads, repeated ones joined', () => {
    const picked = pickEdgeHeaders({ server: 'cloudflare', 'cf-ray': '1-AMS', 'set-cookie': ['a=1', 'b=2'], via: ['1.1 a', '1.1 b'], 'content-type': 'text/html' });
    expect(picked).toEqual({ server: 'cloudflare', 'cf-ray': '1-AMS', via: '1.1 a, 1.1 b' });
  });

  it('a hostile value comes out printable and bounded', () => {
    const picked = pickEdgeHeaders({ 'retry-after': `\u001b]0;pwned\u0007${'9'.repeat(1000)}` });
    expect(picked['retry-after']).not.toMatch(/[^\x20-\x7e]/);
    expect(picked['retry-after']?.length).toBe(120);
  });
});
