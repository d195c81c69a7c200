// What `${...}` means: `${env.NAME}` and `${secret.NAME}` everywhere, and in flow steps also
// `${name}` for a value an earlier step captured.
import type { Substitution } from './interpolate.js';

/** SPEC: a variable with one of these in its name is secret however it is read. */
const SECRET_NAME = /PASS|SECRET|TOKEN|KEY|AUTH|COOKIE|SESSION/i;

/** `env.NAME` or `secret.NAME`, optionally with a fallback: `env.NAME:-value` (as in a shell). */
const REFERENCE = /^(env|secret)\.([^:]+?)(?::-(.*))?$/s;

/** Whether an environment variable's value must be treated as a secret because of its name. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * The lookup for strings that only environment variables can fill. `where` names the place in
 * the message, e.g. "in an http probe".
 */
export function environmentLookup(env: Record<string, string | undefined>, where: string): (name: string) => Substitution {
  return (name) => {
    const match = REFERENCE.exec(name);
    const source = match?.[1];
    const variable = match?.[2];
    if (source === undefined || variable === undefined) {
      return {
        problem: `unknown variable \${${name}}: ${where} only \${env.NAME} and \${secret.NAME} exist; captures exist in flow steps`,
      };
    }
    const fallback = match?.[3];
    // As in a shell: `:-` applies when the variable is unset or empty.
    const value = fallback !== undefined && !env[variable] ? fallback : env[variable];
    if (value === undefined) return { problem: `environment variable ${variable} is not set (read by \${${name}})` };
    return { value, secret: source === 'secret' || isSecretName(variable) };
  };
}

/**
 * The lookup for flow steps: the environment as everywhere, and the names in `captures` (what
 * earlier steps capture) kept as `${name}` for run time; any other name is a problem.
 */
export function flowStepLookup(env: Record<string, string | undefined>, captures: ReadonlySet<string>): (name: string) => Substitution {
  const fromEnv = environmentLookup(env, 'in a flow step');
  return (name) => {
    if (REFERENCE.test(name)) return fromEnv(name);
    if (captures.has(name)) return 'keep';
    const known = captures.size > 0 ? `captured so far: ${[...captures].join(', ')}` : 'nothing is captured before this step';
    return { problem: `unknown capture \${${name}}: no earlier step of this flow captures "${name}" (${known})` };
  };
}

/**
 * A secret and the forms it takes once encoded into a URL, a form body or a JSON string, or
 * echoed in a response header (trimmed, and read as Latin-1 as HTTP headers are), so that output
 * can hide the secret however a server or a URL parser gives it back.
 */
export function secretForms(value: string): string[] {
  const forms = new Set([
    value,
    value.trim(),
    encodeURIComponent(value),
    new URLSearchParams({ s: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value.trim(), 'utf8').toString('latin1'),
  ]);
  // How the URL parser encodes it in a path, a query or an opaque URL (`javascript:…`), to the end
  // of the URL (a "?" or "#" in the secret starts the query or fragment, encoded differently, but
  // the href still holds it all).
  for (const prefix of ['http://h/', 'http://h/?', 'x:']) {
    if (URL.canParse(`${prefix}${value}`)) forms.add(new URL(`${prefix}${value}`).href.slice(prefix.length));
  }
  return [...forms].filter((form) => form !== '' && form.length >= value.trim().length); // path normalisation may shorten it
}
