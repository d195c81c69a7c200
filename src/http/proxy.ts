// Which HTTP proxy a request goes through: the `proxy` field, or the environment's HTTPS_PROXY /
// HTTP_PROXY / NO_PROXY read as undici's EnvHttpProxyAgent reads them (lower case first, then upper
// case; https falls back to the http proxy), with NO_PROXY as curl understands it.
import { isIP } from 'node:net';
import { basicAuthorization } from './basic-auth.js';
import { unbracket } from './names.js';

/** One proxy, parsed once; `label` is safe to show (no credentials). */
export interface Proxy {
  host: string;
  port: number;
  label: string;
  /** `Basic …` for Proxy-Authorization, when the URL carried credentials. */
  authorization: string | null;
}

/** Picks the proxy for a target, or null to go direct. */
export interface ProxyChooser {
  choose(url: { protocol: string; hostname: string; port: string }): Proxy | null;
}

/** A proxy URL that cannot be used; the message never contains the credentials. */
export class ProxyConfigError extends Error {}

/**
 * `option`: the `proxy` field (a URL, or `none`); undefined reads `env`. Returns null when no
 * request would use a proxy, so the common case costs nothing per connection.
 */
export function proxyChooser(option: string | undefined, env: NodeJS.ProcessEnv = process.env): ProxyChooser | null {
  if (option !== undefined) {
    if (option.trim().toLowerCase() === 'none') return null;
    const proxy = parseProxy(option);
    return { choose: () => proxy };
  }
  const httpValue = envValue(env, 'http_proxy');
  const httpsValue = envValue(env, 'https_proxy') ?? httpValue;
  if (httpValue === undefined && httpsValue === undefined) return null;
  const httpProxy = httpValue === undefined ? null : parseProxy(httpValue);
  const httpsProxy = httpsValue === undefined ? null : parseProxy(httpsValue);
  const bypass = noProxyMatcher(envValue(env, 'no_proxy') ?? '');
  return {
    choose(url) {
      const proxy = url.protocol === 'https:' ? httpsProxy : httpProxy;
      if (!proxy) return null;
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      return bypass(url.hostname, port) ? null : proxy;
    },
  };
}

/** Lower case first, as undici does; an empty value counts as unset. */
function envValue(env: NodeJS.ProcessEnv, lower: string): string | undefined {
  const value = env[lower] ?? env[lower.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** `http://[user:pass@]host[:port]`; a bare `host:port` is taken as http:// (as curl does). */
export function parseProxy(value: string): Proxy {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProxyConfigError('proxy: not a URL (expected http://host:port)');
  }
  const label = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:') throw new ProxyConfigError(`proxy ${label}: only http:// proxies are supported`);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host: unbracket(url.hostname),
    port: Number(url.port) || 80,
    label,
    authorization: user || password ? basicAuthorization(user, password) : null,
  };
}

/**
 * NO_PROXY: a comma (or space) separated list of `*`, host names (matching the name and every
 * name under it, with or without a leading `.` or `*.`), `host:port`, and IP addresses.
 */
export function noProxyMatcher(list: string): (hostname: string, port: number) => boolean {
  const entries = list
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map(parseEntry);
  if (entries.some((e) => e.host === '*')) return () => true;
  if (entries.length === 0) return () => false;
  return (hostname, port) => {
    const host = unbracket(hostname).toLowerCase().replace(/\.$/, '');
    return entries.some((e) => (e.port === null || e.port === port) && hostMatches(e.host, host));
  };
}

function parseEntry(entry: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };
  // A bare IPv6 address has colons but no port.
  if (isIP(entry) === 6) return { host: entry, port: null };
  const withPort = /^(.*):(\d+)$/.exec(entry);
  const host = (withPort ? withPort[1]! : entry).replace(/^\*?\./, '').replace(/\.$/, '');
  return { host, port: withPort ? Number(withPort[2]) : null };
}

function hostMatches(entry: string, host: string): boolean {
  if (isIP(entry) !== 0 || isIP(host) !== 0) return entry === host;
  return host === entry || host.endsWith(`.${entry}`);
}
