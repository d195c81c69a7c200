// What `${...}` means: `${env.NAME}` and `${secret.NAME}` everywhere, and in flow steps also
// `${name}` for a value an earlier step captured.
import { isSecretName } from '../secrets/names.js';
import type { Substitution } from './interpolate.js';

/** `env.NAME` or `secret.NAME`, optionally with a fallback: `env.NAME:-value` (as in a shell). */
const REFERENCE = /^(env|secret)\.([^:]+?)(?::-(.*))?$/s;

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
