import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../src/config/types.js';
import type { FlowStep } from '../../src/probes/flow/schema.js';
import { credentialStep } from '../../src/probes/flow/credential-step.js';

function step(id: string, request: Partial<RequestSpec>): FlowStep {
  return {
    id,
    request: { method: 'GET', url: 'http://127.0.0.1/', headers: {}, followRedirects: true, maxRedirects: 10, timeoutMs: 1000, maxBodySize: 1024, insecure: false, reach: { transport: {}, decompress: false }, ...request },
    expect: {},
    captures: [],
  };
}

describe('credentialStep', () => {
  it('the first step whose form holds a secret', () => {
    const steps = [step('form', {}), step('submit', { method: 'POST', body: { type: 'form', fields: { user: 'demo', password: 'hunter2', csrf: '${csrf}' } } }), step('me', {})];
    expect(credentialStep(steps, ['hunter2'])).toBe(1);
  });

  it('a secret in a JSON body, in a header (Basic authentication), or URL userinfo', () => {
    expect(credentialStep([step('a', {}), step('login', { body: { type: 'json', value: { token: 's3cret' } } })], ['s3cret'])).toBe(1);
    expect(credentialStep([step('a', { headers: { authorization: 'Basic ZGVtbzpzM2NyZXQ=' } })], ['Basic ZGVtbzpzM2NyZXQ='])).toBe(0);
    expect(credentialStep([step('a', {}), step('b', { url: 'http://demo:pw@127.0.0.1/' })], [])).toBe(1);
    expect(credentialStep([step('a', {}), step('b', { reach: { transport: {}, decompress: false, basicAuth: { user: 'u', password: 'p' } } })], [])).toBe(1);
  });

  it('none: no step sends a secret', () => {
    expect(credentialStep([step('a', { body: { type: 'form', fields: { q: 'x' } } })], ['hunter2'])).toBeNull();
    expect(credentialStep([step('a', {})], [''])).toBeNull();
  });
});
