// URL rules: probes talk HTTP(S) only, and relative URLs need a base to resolve against.
import type { Filled } from './context.js';

const SCHEMES = ['http:', 'https:'];
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;
const HOST_AND_PORT = /^[\w.-]+:\d+(\/|$)/;

/** An absolute http(s) URL, or why the text is not one (messages quote `display`, never a secret). */
export function absoluteHttpUrl(text: Filled): URL | { error: string } {
  if (!URL.canParse(text.value)) return { error: `expected an absolute http or https URL, got ${JSON.stringify(text.display)}` };
  return checkScheme(new URL(text.value), text);
}

/** Resolves a probe URL against the base (standard URL resolution, as a browser does with a link). */
export function resolveProbeUrl(text: Filled, base: URL | null): URL | { error: string } {
  if (URL.canParse(text.value)) return checkScheme(new URL(text.value), text);
  if (HAS_SCHEME.test(text.value)) return { error: `invalid url ${JSON.stringify(text.display)}` };
  if (base === null) {
    return { error: `relative url ${JSON.stringify(text.display)} needs a base: set defaults.baseUrl or pass --base-url` };
  }
  if (!URL.canParse(text.value, base.href)) return { error: `invalid url ${JSON.stringify(text.display)}` };
  return checkScheme(new URL(text.value, base), text);
}

function checkScheme(url: URL, text: Filled): URL | { error: string } {
  if (SCHEMES.includes(url.protocol)) return url;
  // `localhost:8080/x` parses with the "scheme" localhost:
  const hint = HOST_AND_PORT.test(text.value) ? ` (did you mean "http://${text.display}"?)` : '';
  return { error: `url ${JSON.stringify(text.display)} must use http or https, not ${url.protocol.replace(/:$/, '')}${hint}` };
}
