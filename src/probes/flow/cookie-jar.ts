// A browser's cookie handling for flow samples, on top of tough-cookie (RFC 6265: domain and path
// matching, Secure, expiry, SameSite). The jar is read before and filled after every redirect hop.
import { CookieJar, getPublicSuffix } from 'tough-cookie';
import type { FetchHooks } from '../../http/redirects.js';

/** One sample's cookies: every sample starts empty, so samples never see each other's session. */
export function newCookieJar(): CookieJar {
  return new CookieJar();
}

/**
 * Hooks that send the jar's cookies on each hop of one step's request and store what each hop
 * sets. A hop on the same site as the step's first URL is a same-site request ("strict");
 * a redirect to another site is a cross-site navigation ("lax"), as in a browser.
 */
export function cookieHooks(jar: CookieJar, stepUrl: URL): FetchHooks {
  const context = (url: URL) => (siteOf(url) === siteOf(stepUrl) ? 'strict' : 'lax');
  return {
    async beforeHop(url, headers) {
      const cookies = await jar.getCookieString(url.href, { sameSiteContext: context(url) });
      if (cookies === '') return;
      // A cookie header written in the probe comes first; the jar's cookies follow it.
      headers.cookie = headers.cookie ? `${headers.cookie}; ${cookies}` : cookies;
    },
    async afterHop(url, response) {
      const header = response.headers['set-cookie'];
      const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
      for (const value of values) {
        // A cookie the jar refuses (another domain, Secure over http, a public suffix) is dropped, as a browser drops it.
        await jar.setCookie(value, url.href, { ignoreError: true, sameSiteContext: context(url) });
      }
    },
  };
}

/** The value of the cookie `name` that the jar would send to `url`, if any. */
export async function cookieFor(jar: CookieJar, url: URL, name: string): Promise<string | undefined> {
  const cookies = await jar.getCookies(url.href);
  return cookies.find((cookie) => cookie.key === name)?.value;
}

/** The registrable domain ("site") of a URL; an IP address or a single-label host is its own site. */
function siteOf(url: URL): string {
  return getPublicSuffix(url.hostname, { allowSpecialUseDomain: true, ignoreError: true }) ?? url.hostname;
}
