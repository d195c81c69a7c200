// Signing in, as a real site does it: a form with a per-request CSRF token bound to a cookie,
// a POST that checks both and the credentials, a session cookie, and pages that need it.
// Tokens are signed rather than stored, so the target keeps no state and any number of logins
// cost no memory.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiError } from './api.js';
import { escapeHtml, layout } from './pages.js';
import { htmlResponse, jsonResponse, type TargetRequest, type TargetResponse } from './response.js';

/** The one account the target knows; `upprobe demo` passes it as UPPROBE_USER … */
export const DEMO_USER = 'demo';
/** … and UPPROBE_PASSWORD, unless those are set. */
export const DEMO_PASSWORD = 'upprobe-demo-password';

/** Signs tokens and sessions; new for every process, so nothing outlives the target. */
const KEY = randomBytes(32);

const NONCE_COOKIE = 'login_nonce';
const SESSION_COOKIE = 'sid';
const COOKIE_ATTRIBUTES = 'Path=/; HttpOnly; SameSite=Lax';

/** GET /login: the form, with a fresh CSRF token that only works with the cookie set beside it. */
export function loginPage(): TargetResponse {
  const nonce = randomBytes(16).toString('base64url');
  const form = `<h1>Sign in</h1>
<form method="post" action="/session">
<input type="hidden" name="csrf" value="${sign('csrf', nonce)}">
<label>User <input name="user" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>`;
  return { ...htmlResponse(200, layout('Sign in', form)), headers: { 'set-cookie': `${NONCE_COOKIE}=${nonce}; ${COOKIE_ATTRIBUTES}` } };
}

/** POST /session: CSRF first (403), then credentials (401); success sets the session and 303s to /home. */
export function createSession(request: TargetRequest): TargetResponse {
  const form = new URLSearchParams(request.body);
  const nonce = cookiesOf(request)[NONCE_COOKIE];
  if (nonce === undefined || !sameText(form.get('csrf') ?? '', sign('csrf', nonce))) {
    return htmlResponse(403, layout('Forbidden', '<h1>Forbidden</h1>\n<p>Invalid or missing CSRF token: load <a href="/login">the form</a> again.</p>'));
  }
  if (!sameText(form.get('user') ?? '', DEMO_USER) || !sameText(form.get('password') ?? '', DEMO_PASSWORD)) {
    return htmlResponse(401, layout('Sign in', '<h1>Wrong user name or password</h1>\n<p><a href="/login">Try again</a></p>'));
  }
  const session = `${DEMO_USER}.${randomBytes(12).toString('base64url')}`;
  return {
    ...htmlResponse(303, layout('Signed in', '<p>Signed in: <a href="/home">continue</a></p>')),
    headers: { location: '/home', 'set-cookie': `${SESSION_COOKIE}=${session}.${sign('sid', session)}; ${COOKIE_ATTRIBUTES}` },
  };
}

/** GET /home: the signed-in home page; without a session, a 303 to /login. */
export function signedInHome(request: TargetRequest): TargetResponse {
  const user = sessionUser(request);
  if (user === null) return { ...htmlResponse(303, layout('Sign in', '<p><a href="/login">Sign in</a></p>')), headers: { location: '/login' } };
  return htmlResponse(200, layout('Home', `<h1>Home</h1>\n<p class="signed-in">Signed in as @${escapeHtml(user)}</p>`));
}

/** GET /api/me: who the session cookie belongs to; 401 without a valid one. */
export function meResponse(request: TargetRequest): TargetResponse {
  const user = sessionUser(request);
  return user === null ? apiError(401, 'not signed in') : jsonResponse(200, { status: 'ok', user });
}

/** The user of a valid session cookie, or null. */
function sessionUser(request: TargetRequest): string | null {
  const cookie = cookiesOf(request)[SESSION_COOKIE];
  const cut = cookie?.lastIndexOf('.') ?? -1;
  if (cookie === undefined || cut < 0) return null;
  const session = cookie.slice(0, cut);
  if (!sameText(cookie.slice(cut + 1), sign('sid', session))) return null;
  return session.split('.')[0] ?? null;
}

function sign(purpose: string, value: string): string {
  return createHmac('sha256', KEY).update(`${purpose}:${value}`).digest('base64url');
}

/** Compares secrets in constant time, as a login must. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookiesOf(request: TargetRequest): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}
