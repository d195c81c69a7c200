// One plain value per answer: routes and scenarios build it, the handler writes it.
import type { IncomingHttpHeaders } from 'node:http';

/** What a route sees of a request: enough for forms and cookies. */
export interface TargetRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as text (forms are small; the handler caps it). */
  body: string;
}

/** What the target sends back; the handler adds content-length and the scenario header. */
export interface TargetResponse {
  status: number;
  contentType: string;
  body: string;
  /** Extra headers, e.g. `allow` on a 405. */
  headers?: Record<string, string>;
  /** Reason phrase for codes Node has none for (the edge's 521). */
  statusText?: string;
}

/** Content types the target serves, spelled once so tests and routes agree. */
export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
} as const;

/** A JSON answer, the App API's only format. */
export function jsonResponse(status: number, value: unknown): TargetResponse {
  return { status, contentType: CONTENT_TYPES.json, body: JSON.stringify(value) };
}

/** An HTML answer, the web front end's format. */
export function htmlResponse(status: number, html: string): TargetResponse {
  return { status, contentType: CONTENT_TYPES.html, body: html };
}
