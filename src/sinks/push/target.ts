// Where a push goes and how it signs in. Credentials come from the URL's `user:password@` (Basic)
// or from UPPROBE_PUSH_BEARER_TOKEN (Bearer); they travel only in the Authorization header, and
// every message names the URL with them removed.

/** The environment variable whose value is sent as `Authorization: Bearer …` by every push. */
export const BEARER_TOKEN_ENV = 'UPPROBE_PUSH_BEARER_TOKEN';

/** A push destination, split into what may be shown and what may not. */
export interface PushTarget {
  /** The URL to send to, without userinfo; messages name it through displayUrl(). */
  url: URL;
  /** The Authorization header value, if any credentials were given. */
  authorization: string | null;
}

/** The bearer token from the environment, or undefined when unset or empty. */
export function bearerTokenFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const token = env[BEARER_TOKEN_ENV]?.trim();
  return token ? token : undefined;
}

/**
 * Parses a push URL. Basic credentials in the URL win over a bearer token: they name this one
 * destination, the environment variable is shared by both pushes.
 */
export function pushTarget(raw: string, bearerToken?: string): PushTarget | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `not a URL: ${displayUnparsed(raw)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // Other schemes may not split out userinfo: shown like text that did not parse.
    return { error: `not an http(s) URL (${url.protocol}): ${displayUnparsed(raw)}` };
  }
  let authorization: string | null = null;
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  } else if (bearerToken) {
    authorization = `Bearer ${bearerToken}`;
  }
  url.username = '';
  url.password = '';
  return { url, authorization };
}

/** A URL as a message may show it: credentials, query (a token may hide there) and fragment removed. */
export function displayUrl(url: URL): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  shown.search = '';
  shown.hash = '';
  return shown.href;
}

/** Text that is not an http(s) URL: shown from its last `@` on (userinfo may precede it). */
function displayUnparsed(raw: string): string {
  const at = raw.lastIndexOf('@');
  const shown = at < 0 ? raw : `…${raw.slice(at)}`;
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 120)}…` : shown);
}
