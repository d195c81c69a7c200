// URL rules: probes talk HTTP(S) only, and relative URLs need a base to resolve against.
import type { Filled } from './context.js';
import { escapeDollarBefore, interpolate } from './interpolate.js';

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

/** Stands in for a `${capture}` while a template URL is resolved: letters, digits and `-` survive anywhere. */
const marker = (i: number) => `upprobe-capture-${i}-mark`;

/**
 * Resolves a flow step's URL whose `${capture}` references are filled in only at run time: each
 * reference is swapped for a marker the URL parser leaves alone, resolved, and swapped back.
 */
export function resolveUrlTemplate(text: Filled, base: URL | null): string | { error: string } {
  const names: string[] = [];
  const marked = interpolate(text.value, (name) => ({ value: marker(names.push(name) - 1), secret: false }), { output: 'template' });
  if (names.length === 0) {
    const url = resolveProbeUrl(text, base);
    return url instanceof URL ? url.href : url;
  }
  if (marked.value.startsWith(marker(0))) {
    return { error: `url ${JSON.stringify(text.display)} starts with a capture: start it with the scheme and host, or with /` };
  }
  const url = resolveProbeUrl({ value: marked.value, display: text.display }, base);
  if (!(url instanceof URL)) return url;
  let href = url.href;
  for (const [i, name] of names.entries()) {
    if (!href.includes(marker(i))) return { error: `url ${JSON.stringify(text.display)}: \${${name}} is lost when the url is resolved` };
    // A `$` the URL kept right before the reference must not turn it into a literal `$${`.
    href = href
      .split(marker(i))
      .map((piece, j, pieces) => (j < pieces.length - 1 ? escapeDollarBefore(piece, '{') : piece))
      .join(`\${${name}}`);
  }
  return href;
}

function checkScheme(url: URL, text: Filled): URL | { error: string } {
  if (SCHEMES.includes(url.protocol)) return url;
  // `localhost:8080/x` parses with the "scheme" localhost:
  const hint = HOST_AND_PORT.test(text.value) ? ` (did you mean "http://${text.display}"?)` : '';
  return { error: `url ${JSON.stringify(text.display)} must use http or https, not ${url.protocol.replace(/:$/, '')}${hint}` };
}
