// A drafted file must not carry credentials a browser recorded (HAR) or a command line held:
// query parameters whose names say secret (SPEC's rule: PASS, SECRET, TOKEN, KEY, AUTH, COOKIE,
// SESSION) are left out of the URL, and the probe's comment says so.
import { isSecretName } from '../secrets/names.js';

/** The URL without secret-looking query parameters, and the names of those left out. */
export function withoutSecretParams(url: URL): { url: URL; dropped: string[] } {
  const dropped = [...new Set([...url.searchParams.keys()].filter(isSecretName))];
  if (dropped.length === 0) return { url, dropped };
  const clean = new URL(url.href);
  for (const name of dropped) clean.searchParams.delete(name);
  return { url: clean, dropped };
}

/** The comment line for what was left out, e.g. for `?api_key=…`. */
export function droppedNote(dropped: readonly string[]): string[] {
  if (dropped.length === 0) return [];
  const names = dropped.join(', ');
  return [`left out query parameter${dropped.length === 1 ? '' : 's'} ${names} (a secret by its name): add it back as ${dropped.map((n) => `${n}=\${secret.${n.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}}`).join('&')}`];
}
