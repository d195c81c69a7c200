// The addresses a tcp probe tries, in the order the resolver gives them, with the lookup timed.
import { lookup as systemLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { untilDeadline } from '../deadline.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type AddressesOutcome =
  | { addresses: ResolvedAddress[]; lookupMs: number | null }
  | { code: string };

/** An IP literal needs no lookup (lookupMs null); a name is resolved with `lookup`, `all: true`. */
export function resolveAddresses(
  host: string,
  options: { lookup?: LookupFunction | undefined; family?: 4 | 6 | undefined; deadline: number; signal?: AbortSignal | undefined },
): Promise<AddressesOutcome> {
  const literal = isIP(host);
  if (literal !== 0) {
    if (options.family !== undefined && options.family !== literal) return Promise.resolve({ code: 'EAI_ADDRFAMILY' });
    return Promise.resolve({ addresses: [{ address: host, family: literal as 4 | 6 }], lookupMs: null });
  }
  const lookup = options.lookup ?? (isLocalhost(host) ? localhostLookup : systemLookup);
  const started = performance.now();
  return untilDeadline<AddressesOutcome>(
    (settle) => {
      lookup(host, { all: true, family: options.family ?? 0 }, (err, found) => {
        if (err) return settle({ code: err.code ?? 'ENOTFOUND' });
        const list = (Array.isArray(found) ? found : [{ address: found, family: 4 }]).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }) as const);
        const addresses = options.family === undefined ? list : list.filter((a) => a.family === options.family);
        settle(addresses.length === 0 ? { code: 'ENOTFOUND' } : { addresses, lookupMs: performance.now() - started });
      });
      return () => undefined;
    },
    { deadline: options.deadline, signal: options.signal, onDeadline: () => ({ code: 'ETIMEOUT' }) },
  );
}

/** `127.0.0.1:443`, `[::1]:443`: how an address tried is named in failures and reports. */
export function addressLabel(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** RFC 6761: `localhost` (and names under it) is loopback, never asked of a resolver, as curl does. */
function isLocalhost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Both loopback addresses, so a server listening on only one of them is still reached. */
const localhostLookup: LookupFunction = (_host, _options, callback) => {
  setImmediate(() => callback(null, [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]));
};
