// Which step of a flow sends its credentials: the first whose request carries a secret (in its
// form or body, a header such as auth.basic's Authorization, or URL userinfo). The diagnosis
// calls a flow failing there, or later, while the rest of its surface works, an `auth` problem.
import type { RequestBody } from '../../config/types.js';
import type { FlowStep } from './schema.js';

function bodyText(body: RequestBody | undefined): string {
  if (!body) return '';
  if (body.type === 'raw') return body.text;
  if (body.type === 'form') return Object.values(body.fields).join('\n');
  return JSON.stringify(body.value);
}

function hasUserinfo(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false; // a URL still holding ${capture} references is checked for secrets below
  }
}

/** Index of the first step sending a credential, or null when none does. */
export function credentialStep(steps: readonly FlowStep[], secrets: readonly string[]): number | null {
  const known = secrets.filter((s) => s.length > 0);
  const index = steps.findIndex(({ request }) => {
    if (hasUserinfo(request.url) || request.reach.basicAuth) return true;
    const sent = [request.url, ...Object.values(request.headers), bodyText(request.body)];
    return known.some((secret) => sent.some((text) => text.includes(secret)));
  });
  return index < 0 ? null : index;
}
