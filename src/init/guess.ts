// What a drafted probe should expect, guessed from one response: the status seen, its content
// type, and for JSON a key that exists. Each guess says why, for the probe's comment.
import type { Surface } from '../model/surface.js';
import type { ResponseSeen } from './draft.js';

/** A surface guess and the reason written beside it. */
export interface SurfaceGuess {
  surface: Surface;
  why: string;
}

/** Path prefixes that mean "an API" whatever the response (an empty 204 has no content type). */
const API_PATH = /^\/(api|graphql|rest|v\d+)(\/|$)|\.json$/i;
const API_TYPE = /[/+](json|xml|x-protobuf|grpc|problem\+json)$|^application\/(json|xml|x-ndjson|grpc|x-protobuf)/;

/** `api` for JSON/XML answers or API-looking paths, `web` for pages, assets and the rest. */
export function guessSurface(path: string, contentType: string | undefined): SurfaceGuess {
  if (contentType !== undefined && API_TYPE.test(contentType) && contentType !== 'application/xhtml+xml') {
    return { surface: 'api', why: `surface api: it answered ${contentType}` };
  }
  if (API_PATH.test(path)) return { surface: 'api', why: `surface api: the path ${path} looks like an API` };
  if (contentType !== undefined) return { surface: 'web', why: `surface web: it answered ${contentType}` };
  return { surface: 'web', why: 'surface web: a page or file a browser loads (no content type to go by)' };
}

/** The media type of a Content-Type value, lowercased, without parameters. */
export function mediaType(value: string | undefined): string | undefined {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** `expect` for a response seen: its 2xx status, its content type, and one JSON key when there is one. */
export function guessExpect(seen: ResponseSeen): { expect: Record<string, unknown>; notes: string[] } {
  const expect: Record<string, unknown> = {};
  const notes: string[] = [];
  if (seen.status >= 200 && seen.status < 300) {
    expect.status = seen.status;
  } else {
    notes.push(`it answered ${seen.status} when this file was written; the probe expects any 2xx`);
  }
  if (seen.contentType !== undefined && seen.status >= 200 && seen.status < 300) {
    expect.headers = { 'content-type': { matches: escapeRegex(seen.contentType) } };
  }
  const key = seen.contentType !== undefined && /json/.test(seen.contentType) ? firstJsonKey(seen.body) : undefined;
  if (key !== undefined) {
    expect.json = { [key]: { exists: true } };
    notes.push(`${key} was in the JSON it answered`);
  }
  return { expect, notes };
}

/** `$.name` of the first key of a JSON object (or of the object first in a JSON list), if any. */
export function firstJsonKey(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const [prefix, object] = Array.isArray(value) ? ['$[0]', value[0] as unknown] : ['$', value];
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  // Keys the path syntax reads as `.name` (jsonpath.ts); others would need quoting, so skip them.
  const key = Object.keys(object).find((k) => /^[\p{L}\p{N}_$-]+$/u.test(k));
  return key === undefined ? undefined : `${prefix}.${key}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
