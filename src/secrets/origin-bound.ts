// Which request headers stay on the origin they were written for: credentials by name, and any
// header whose value holds a secret (`x-api-key: ${secret.KEY}`). A redirect to another origin,
// or a link on a page that points to one, gets the request without them.
import type { Redact } from './redact.js';

/** Headers that carry credentials by their name (what browsers and curl drop across origins). */
export const CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'cookie', 'proxy-authorization'];

/** The lowercased names of the headers that must not leave their origin; `redact` tells a value holding a secret. */
export function originBoundHeaders(headers: Readonly<Record<string, string>>, redact: Redact): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => CREDENTIAL_HEADERS.includes(name.toLowerCase()) || redact(value) !== value)
    .map(([name]) => name.toLowerCase());
}

/** The headers without those named (any case). */
export function withoutHeaders(headers: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}
