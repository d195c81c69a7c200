// Which values are secret: `${secret.NAME}` always, and `${env.NAME}` when its name says so.

/** SPEC: a variable with one of these in its name is secret however it is read. */
const SECRET_NAME = /PASS|SECRET|TOKEN|KEY|AUTH|COOKIE|SESSION/i;

/** Whether an environment variable's value must be treated as a secret because of its name. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
