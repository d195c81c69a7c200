import { describe, expect, it } from 'vitest';
import { interpolate, type Substitution } from '../../src/config/interpolate.js';
import { environmentLookup } from '../../src/config/variables.js';
import { secretForms } from '../../src/secrets/forms.js';
import { isSecretName } from '../../src/secrets/names.js';

const env = { USER_NAME: 'bob', PASSWORD_X: 'hunter2', PLAIN: 'p', EMPTY: '' };
const lookup = environmentLookup(env, 'in an http probe');

describe('interpolate with the environment lookup', () => {
  it('reads ${env.NAME}', () => {
    expect(interpolate('u=${env.USER_NAME}!', lookup)).toEqual({ value: 'u=bob!', display: 'u=bob!', secrets: [], problems: [] });
  });

  it('marks ${secret.NAME} secret and hides it in the display form', () => {
    expect(interpolate('Bearer ${secret.PLAIN}', lookup)).toEqual({ value: 'Bearer p', display: 'Bearer ***', secrets: ['p'], problems: [] });
  });

  it('marks a secret-looking name secret even when read as ${env.NAME}', () => {
    const result = interpolate('${env.PASSWORD_X}', lookup);
    expect(result.secrets).toEqual(['hunter2']);
    expect(result.display).toBe('***');
  });

  it('keeps no empty secret', () => {
    expect(interpolate('${secret.EMPTY}', lookup).secrets).toEqual([]);
  });

  it('reads $${ as a literal ${', () => {
    expect(interpolate('a $${env.USER_NAME} b ${env.USER_NAME}', lookup).value).toBe('a ${env.USER_NAME} b bob');
    expect(interpolate('$$${env.USER_NAME}', lookup).value).toBe('$${env.USER_NAME}');
  });

  it('leaves text without references alone, including lone dollars', () => {
    expect(interpolate('$5 and $ and {}', lookup).value).toBe('$5 and $ and {}');
  });

  it('names an unset variable', () => {
    expect(interpolate('${env.NOPE}', lookup).problems).toEqual(['environment variable NOPE is not set (read by ${env.NOPE})']);
  });

  it('uses a :- fallback when the variable is unset or empty, as a shell does', () => {
    expect(interpolate('${env.NOPE:-guest}', lookup).value).toBe('guest');
    expect(interpolate('${env.EMPTY:-guest}', lookup).value).toBe('guest');
    expect(interpolate('${env.USER_NAME:-guest}', lookup).value).toBe('bob');
    expect(interpolate('${env.NOPE:-}', lookup)).toMatchObject({ value: '', problems: [] });
  });

  it('keeps a secret fallback secret', () => {
    expect(interpolate('${secret.NOPE:-s3cret}', lookup)).toMatchObject({ value: 's3cret', display: '***', secrets: ['s3cret'] });
  });

  it('rejects other names in an http probe', () => {
    expect(interpolate('${csrf}', lookup).problems).toEqual([
      'unknown variable ${csrf}: in an http probe only ${env.NAME} and ${secret.NAME} exist; captures exist in flow steps',
    ]);
  });

  it('reports an unclosed reference', () => {
    expect(interpolate('x ${env.A', lookup).problems[0]).toMatch(/unclosed/);
  });

  it('can keep references for a later pass, re-escaping literals', () => {
    const keepCaptures = (name: string): Substitution => (name.startsWith('env.') ? lookup(name) : 'keep');
    const result = interpolate('${env.USER_NAME}:${csrf}:$${x}', keepCaptures, { output: 'template' });
    expect(result.value).toBe('bob:${csrf}:$${x}');
    expect(interpolate(result.value, () => ({ value: 'C', secret: false })).value).toBe('bob:C:${x}');
  });

  // Issue 15, item 14: a secret ending in `$` before a capture used to read as `$${n}`, a literal.
  it('keeps a capture after a value ending in $ a reference for the later pass', () => {
    const dollar = (name: string): Substitution => (name === 'secret.P' ? { value: 'pa$', secret: true } : 'keep');
    const first = interpolate('${secret.P}${n}', dollar, { output: 'template' });
    expect(first.problems).toEqual([]);
    expect(interpolate(first.value, () => ({ value: '42', secret: false })).value).toBe('pa$42');
    // A value ending in `$` before literal text starting with `{` stays text too.
    const braces = interpolate('${secret.P}{x}${n}', dollar, { output: 'template' });
    expect(interpolate(braces.value, () => ({ value: '1', secret: false })).value).toBe('pa${x}1');
  });

  it('reads ${$} as a literal $, so a $ can stand right before a reference', () => {
    expect(interpolate('${$}${env.USER_NAME}', lookup).value).toBe('$bob');
    expect(interpolate('cost: ${$}5', lookup)).toMatchObject({ value: 'cost: $5', problems: [] });
  });
});

describe('secret names', () => {
  it.each(['DB_PASSWORD', 'passwd', 'MY_SECRET', 'GITHUB_TOKEN', 'api_key', 'AUTH_HEADER', 'COOKIE', 'session_id'])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['USER', 'HOST', 'BASE_URL'])('%s is not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('lists the encoded forms a secret may take', () => {
    expect(secretForms('a b&c')).toEqual(expect.arrayContaining(['a b&c', 'a%20b%26c', 'a+b%26c']));
  });
});
