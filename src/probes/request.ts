// Turns a configured request into what goes on the wire: encoded body, content type, deadline.
import type { RequestSpec } from '../config/types.js';
import type { LookupFunction } from 'node:net';
import type { FetchRequest } from '../http/redirects.js';
import { originBoundHeaders } from '../secrets/origin-bound.js';
import type { Redact } from '../secrets/redact.js';
import { connectionOptions, type ConnectionOptions } from '../http/transport.js';

/**
 * Encodes the request body and adds the content type its form implies, unless one is set.
 * `redact` tells which header values hold a secret: those are not carried across origins.
 */
export function toFetchRequest(spec: RequestSpec, redact: Redact = (text) => text): FetchRequest {
  const headers = { ...spec.headers };
  let body: string | undefined;
  const setType = (type: string) => {
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = type;
  };
  switch (spec.body?.type) {
    case 'raw':
      body = spec.body.text;
      break;
    case 'json':
      body = JSON.stringify(spec.body.value);
      setType('application/json');
      break;
    case 'form':
      body = new URLSearchParams(spec.body.fields).toString();
      setType('application/x-www-form-urlencoded');
      break;
    case undefined:
      break;
  }
  return {
    url: new URL(spec.url),
    method: spec.method,
    headers,
    body,
    followRedirects: spec.followRedirects,
    maxRedirects: spec.maxRedirects,
    maxBodySize: spec.maxBodySize,
    timeoutMs: spec.timeoutMs,
    originBound: originBoundHeaders(spec.headers, redact),
    decompress: spec.reach.decompress,
    ...(spec.reach.basicAuth && { basicAuth: spec.reach.basicAuth }),
  };
}

/** The connection settings of a request: one object per distinct setting (see connectionOptions). */
export function connectionOptionsOf(spec: Pick<RequestSpec, 'reach' | 'timeoutMs' | 'insecure'>, lookup?: LookupFunction): ConnectionOptions {
  return connectionOptions(spec.reach.transport, spec.timeoutMs, spec.insecure, lookup);
}
