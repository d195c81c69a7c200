// Reads a flow step's captures from its final response (body, headers) or from the cookie jar.
import type { CookieJar } from 'tough-cookie';
import { evaluateJsonPath } from '../../config/jsonpath.js';
import type { CaptureSource, CaptureSpec } from './capture-schema.js';
import type { ExchangeResponse } from '../../http/exchange.js';
import { headerValue } from '../../http/redirects.js';
import type { Failure } from '../../model/failure.js';
import { cookieFor } from './cookie-jar.js';
import { parseJsonBody } from '../json-body.js';

/** What one sample has captured so far, and which of those values must never be shown. */
export interface CapturedValues {
  values: Map<string, string>;
  secrets: string[];
}

/**
 * Captures every value of a step into `captured`; the first capture that finds nothing is the
 * step's failure (class `capture`, naming it), and the rest are not read.
 */
export async function captureAll(
  specs: readonly CaptureSpec[],
  response: ExchangeResponse,
  url: URL,
  jar: CookieJar,
  captured: CapturedValues,
): Promise<Failure | null> {
  for (const spec of specs) {
    const value = await readCapture(spec.source, response, url, jar);
    if (value === undefined) return { class: 'capture', name: spec.name, source: spec.source.from, expression: expressionOf(spec.source) };
    captured.values.set(spec.name, value);
    if (spec.secret && value !== '') captured.secrets.push(value);
  }
  return null;
}

/**
 * One value, or undefined when the source has none: a regex gives its first group, a JSON path
 * a string as is and anything else as JSON text, a header its (first) value, a cookie the value
 * the jar would send to the step's final URL.
 */
async function readCapture(source: CaptureSource, response: ExchangeResponse, url: URL, jar: CookieJar): Promise<string | undefined> {
  switch (source.from) {
    case 'regex':
      return source.pattern.firstGroup(response.body.toString('utf8'));
    case 'json': {
      // A body that is not JSON, or nested too deeply to walk (json-body.ts), has nothing to capture.
      const parsed = parseJsonBody(response.body.toString('utf8'));
      if ('problem' in parsed) return undefined;
      const found = evaluateJsonPath(parsed.document, source.path);
      if (!found.found) return undefined;
      return typeof found.value === 'string' ? found.value : JSON.stringify(found.value);
    }
    case 'header':
      return headerValue(response.headers[source.name]);
    case 'cookie':
      return cookieFor(jar, url, source.name);
  }
}

function expressionOf(source: CaptureSource): string {
  switch (source.from) {
    case 'regex':
      return source.pattern.source;
    case 'json':
      return source.path;
    case 'header':
    case 'cookie':
      return source.name;
  }
}
