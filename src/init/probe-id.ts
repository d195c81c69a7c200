// Probe ids made from a URL's host and path (SPEC: letters, digits, "-", "_", "."), unique in a file.

/** Characters an id may not hold, in runs: each run becomes one "-". */
const NOT_ID = /[^A-Za-z0-9._-]+/g;

/**
 * "https://api.example.com/v1/users?x=1" → "api.example.com-v1-users". Without the host
 * ("v1-users") when the file's baseUrl already names it: the id then stays true when the same
 * file runs against staging with --base-url. The root path alone is "home".
 */
export function idFromUrl(url: URL, withHost: boolean): string {
  const host = withHost ? url.hostname.replace(/^\[|\]$/g, '') : '';
  const path = decodeSafely(url.pathname);
  const id = [host, path]
    .join('-')
    .replace(NOT_ID, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return id === '' ? 'home' : id;
}

/** Hands out ids, adding -2, -3, … to one already taken (case-insensitively, as people read ids). */
export class IdAllocator {
  private readonly taken = new Set<string>();

  /** `preferred` if free, else the first free `preferred-N`. */
  take(preferred: string): string {
    let id = preferred;
    for (let n = 2; this.taken.has(id.toLowerCase()); n++) id = `${preferred}-${n}`;
    this.taken.add(id.toLowerCase());
    return id;
  }
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
