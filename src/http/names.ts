// Where a host name leads: `resolve` overrides (curl --resolve), a chosen DNS server (`resolver`),
// and `localhost`, which reaches loopback on both families whatever /etc/hosts says (as curl does,
// RFC 6761), so a server listening on ::1 only is found.
import { Resolver } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { LookupAddress, LookupOptions } from 'node:dns';

/** A resolver failure: always class `dns`, whatever code the resolver library chose (ECONNREFUSED too). */
export class ResolverError extends Error {
  constructor(
    readonly code: string,
    readonly hostname: string,
    readonly server: string,
  ) {
    super(`${hostname} did not resolve at ${server} (${code})`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Answers a lookup the way net.connect asked for it: one address, or all of them. */
function answer(addresses: LookupAddress[], options: LookupOptions, callback: LookupCallback): void {
  const wanted = familyOf(options.family);
  const usable = wanted === 0 ? addresses : addresses.filter((a) => a.family === wanted);
  if (usable.length === 0) {
    const err = Object.assign(new Error('no address of the requested family'), { code: 'ENOTFOUND' });
    callback(err, '', 0);
    return;
  }
  if (options.all) callback(null, usable);
  else callback(null, usable[0]!.address, usable[0]!.family);
}

function familyOf(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/** `localhost` and `*.localhost`: loopback, IPv4 first then IPv6 (happy eyeballs tries both). */
export function isLocalhost(hostname: string): boolean {
  // URL host names arrive lower-cased already.
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

export const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  // Asynchronously, as a real lookup: net.connect emits 'lookup' from this callback, and the
  // phase timing listens for it only after net.connect has returned.
  process.nextTick(answer, LOOPBACK, options, callback);
};

const LOOPBACK: LookupAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

/** A lookup that asks one DNS server (`host[:port]`, the host an IP address) for A and AAAA records. */
export function resolverLookup(server: string, timeoutMs: number): LookupFunction {
  const resolver = new Resolver({ timeout: Math.max(1, timeoutMs), tries: 1 });
  resolver.setServers([server]);
  return (hostname, options, callback) => {
    const done = callback;
    const wanted = familyOf(options.family);
    const queries: Promise<LookupAddress[]>[] = [];
    const ask = (family: 4 | 6) =>
      new Promise<LookupAddress[]>((resolve, reject) => {
        const handle = (err: NodeJS.ErrnoException | null, addresses: string[]) =>
          err ? reject(err) : resolve(addresses.map((address) => ({ address, family })));
        if (family === 4) resolver.resolve4(hostname, handle);
        else resolver.resolve6(hostname, handle);
      });
    if (wanted !== 6) queries.push(ask(4));
    if (wanted !== 4) queries.push(ask(6));
    void Promise.allSettled(queries).then((results) => {
      const found = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      if (found.length > 0) return answer(found, options, done);
      const first = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      const code = (first?.reason as NodeJS.ErrnoException | undefined)?.code ?? 'ENOTFOUND';
      // ENODATA for one family and ENOTFOUND for the other both mean "no such name" to a person.
      done(new ResolverError(code === 'ENODATA' ? 'ENOTFOUND' : code, hostname, server), '', 0);
    });
  };
}

/**
 * The address `resolve` gives for this host and port (`host:port` wins over `host`), without
 * brackets; undefined when the host is not listed.
 */
export function resolveOverride(resolve: Readonly<Record<string, string>> | undefined, hostname: string, port: number): string | undefined {
  if (!resolve) return undefined;
  const host = unbracket(hostname).toLowerCase();
  const hostKey = isIP(host) === 6 ? `[${host}]` : host;
  const address = resolve[`${hostKey}:${port}`] ?? resolve[hostKey] ?? resolve[host];
  return address === undefined ? undefined : unbracket(address);
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
