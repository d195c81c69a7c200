// Servers that redirect without end, in circles, or out of HTTP: each one a `redirect` failure,
// quickly; and credentials never follow a redirect to another origin.
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHttpServer, startHttpsServer } from '../helpers/servers.js';
import { closeAfterEach, expectInTime, failureOf, serve, timedFetch } from './helpers.js';

closeAfterEach();

/** /n redirects to /n+1 for ever (or until `last`, which answers 200). */
function counting(last = Infinity) {
  return startHttpServer((req, res) => {
    const n = Number(req.url?.slice(1));
    if (n >= last) res.end('arrived');
    else res.writeHead(302, { location: `/${n + 1}` }).end();
  });
}

describe('redirects without end', () => {
  it('an endless chain stops after maxRedirects (default 10): redirect, too-many', async () => {
    const s = await serve(counting());
    // A timeout long enough for 11 hops on a loaded machine: what is tested is the count, not the clock.
    const result = await timedFetch(`${s.url}/0`, { timeoutMs: 5000 });
    expect(failureOf(result)).toMatchObject({ class: 'redirect', reason: 'too-many', maxRedirects: 10, location: `${s.url}/11` });
    expect(result.hops).toHaveLength(11);
  });

  it('1,000 redirects with maxRedirects 999: redirect, too-many, within the timeout', async () => {
    const s = await serve(counting(1000));
    const result = await timedFetch(`${s.url}/0`, { maxRedirects: 999, timeoutMs: 5000 });
    const failure = failureOf(result);
    // On a slow machine 1,000 hops may not fit in the timeout; either way it ends, classified.
    if (failure.class === 'timeout') return;
    expect(failure).toMatchObject({ class: 'redirect', reason: 'too-many', location: `${s.url}/1000` });
    expect(result.hops).toHaveLength(1000);
    expectInTime(result, 5000);
  });

  it('a 2-hop loop: redirect, loop', async () => {
    const s = await serve(startHttpServer((req, res) => res.writeHead(307, { location: req.url === '/a' ? '/b' : '/a' }).end()));
    const result = await timedFetch(`${s.url}/a`);
    expect(failureOf(result)).toMatchObject({ class: 'redirect', reason: 'loop', location: `${s.url}/a` });
    expect(result.hops).toHaveLength(2);
  });

  it('a page redirecting to itself: redirect, loop, after one hop', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(301, { location: '/self#frag' }).end()));
    const result = await timedFetch(`${s.url}/self`);
    expect(failureOf(result)).toMatchObject({ class: 'redirect', reason: 'loop' });
    expect(result.hops).toHaveLength(1);
  });
});

describe('redirects out of HTTP', () => {
  const targets = ['file:///etc/passwd', 'javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://127.0.0.1/x', 'mailto:root@localhost'];
  it.each(targets)('Location: %s is a redirect failure naming the scheme, never followed', async (location) => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(302, { location }).end()));
    const result = await timedFetch(`${s.url}/`);
    const failure = failureOf(result);
    expect(failure).toMatchObject({ class: 'redirect', reason: 'scheme' });
    expect(failure.class === 'redirect' && failure.location.split(':')[0]).toBe(location.split(':')[0]);
    expect(s.accepted).toBe(1);
  });

  it('a Location that is not a URL: redirect, invalid-location', async () => {
    const s = await serve(startHttpServer((_req, res) => res.writeHead(302, { location: 'http://[::1' }).end()));
    expect(failureOf(await timedFetch(`${s.url}/`))).toMatchObject({ class: 'redirect', reason: 'invalid-location', location: 'http://[::1' });
  });
});

describe('credentials and redirects', () => {
  const CREDENTIALS = { authorization: 'Bearer t0ken', cookie: 'session=s3cret', 'proxy-authorization': 'Basic cHJveHk=' };
  const credentialsOf = (h: IncomingHttpHeaders) => ({ authorization: h.authorization, cookie: h.cookie, 'proxy-authorization': h['proxy-authorization'] });

  it('are kept on the same origin and dropped for another port or scheme', async () => {
    const seen: Record<string, ReturnType<typeof credentialsOf>> = {};
    const other = await serve(startHttpServer((req, res) => ((seen.other = credentialsOf(req.headers)), res.end('other'))));
    const tls = await serve(
      startHttpsServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${other.port}/downgraded` }).end()),
    );
    const s = await serve(
      startHttpServer((req, res) => {
        if (req.url === '/start') return res.writeHead(302, { location: '/same' }).end();
        seen.same = credentialsOf(req.headers);
        res.writeHead(302, { location: `${other.url}/landing` }).end();
      }),
    );
    const result = await timedFetch(`${s.url}/start`, { headers: CREDENTIALS });
    expect(result.ok).toBe(true);
    expect(seen.same).toEqual(CREDENTIALS);
    expect(seen.other).toEqual({ authorization: undefined, cookie: undefined, 'proxy-authorization': undefined });

    delete seen.other;
    const downgrade = await timedFetch(`${tls.url}/`, { headers: CREDENTIALS }, true);
    expect(downgrade.ok).toBe(true);
    expect(seen.other).toEqual({ authorization: undefined, cookie: undefined, 'proxy-authorization': undefined });
  });
});
