// Fills a flow step's request templates with the values earlier steps captured in this sample.
import { interpolate, type Substitution } from '../../config/interpolate.js';
import { mapStrings } from '../../config/request.js';
import type { RequestBody, RequestSpec } from '../../config/types.js';
import type { Failure } from '../../model/failure.js';

/**
 * The step's request with every `${name}` replaced by its captured value (inserted as is, like
 * any other text of the request). The loader made sure an earlier step captures each name; a
 * value that breaks the URL fails the step as class `capture`.
 */
export function fillRequest(spec: RequestSpec, values: ReadonlyMap<string, string>): RequestSpec | { failure: Failure } {
  const fill = (template: string) => interpolate(template, lookupIn(values)).value;
  const url = fill(spec.url);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    return { failure: { class: 'capture', name: referencesIn(spec.url)[0] ?? '', source: 'url', expression: spec.url } };
  }
  const headers = Object.fromEntries(Object.entries(spec.headers).map(([name, value]) => [name, fill(value)]));
  return { ...spec, url, headers, ...(spec.body && { body: fillBody(spec.body, fill) }) };
}

function fillBody(body: RequestBody, fill: (template: string) => string): RequestBody {
  switch (body.type) {
    case 'raw':
      return { type: 'raw', text: fill(body.text) };
    case 'json':
      return { type: 'json', value: mapStrings(body.value, [], fill) };
    case 'form':
      return { type: 'form', fields: Object.fromEntries(Object.entries(body.fields).map(([name, value]) => [name, fill(value)])) };
  }
}

function lookupIn(values: ReadonlyMap<string, string>): (name: string) => Substitution {
  return (name) => {
    const value = values.get(name);
    // Unreachable: the loader rejects a reference that no earlier step captures.
    if (value === undefined) throw new Error(`no captured value for \${${name}}`);
    return { value, secret: false };
  };
}

/** The capture names a template reads, in order. */
function referencesIn(template: string): string[] {
  const names: string[] = [];
  interpolate(template, (name) => {
    names.push(name);
    return 'keep';
  });
  return names;
}
