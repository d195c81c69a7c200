// The target's sign-in service by hand (Node's fetch, cookies carried explicitly): CSRF bound to
// the form's cookie, credentials, the session cookie, and the login scenarios.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USER, type RunningTarget } from '../../src/target/server.js';
import { useTarget } from './use-target.js';

const start = useTarget();

/** Loads the form: its CSRF token and the cookie it was issued with. */
async function loadForm(target: RunningTarget): Promise<{ csrf: string; cookie: string }> {
  const response = await fetch(`${target.url}/login`);
  expect(response.status).toBe(200);
  const html = await response.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { csrf, cookie };
}

function submit(target: RunningTarget, cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${target.url}/session`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('sign-in', () => {
  it('a fresh CSRF token per form; a good login sets the session and 303s to /home', async () => {
    const target = await start();
    const first = await loadForm(target);
    const second = await loadForm(target);
    expect(first.csrf).toMatch(/^[\w-]{20,}$/);
    expect(second.csrf).not.toBe(first.csrf);
    const response = await submit(target, first.cookie, { user: DEMO_USER, password: DEMO_PASSWORD, csrf: first.csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/home');
    const session = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(session).toMatch(/^sid=/);

    const me = await fetch(`${target.url}/api/me`, { headers: { cookie: session } });
    expect(await me.json()).toEqual({ status: 'ok', user: DEMO_USER });
    const home = await fetch(`${target.url}/home`, { headers: { cookie: session } });
    expect(await home.text()).toContain(`Signed in as @${DEMO_USER}`);
  });

  it('refuses a token without its cookie, or another form’s token (403)', async () => {
    const target = await start();
    const first = await loadForm(target);
    const second = await loadForm(target);
    const fields = { user: DEMO_USER, password: DEMO_PASSWORD };
    expect((await submit(target, '', { ...fields, csrf: first.csrf })).status).toBe(403);
    expect((await submit(target, second.cookie, { ...fields, csrf: first.csrf })).status).toBe(403);
  });

  it('wrong credentials answer 401 and set no session', async () => {
    const target = await start();
    const { csrf, cookie } = await loadForm(target);
    const response = await submit(target, cookie, { user: DEMO_USER, password: 'nope', csrf });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('without a valid session: /api/me is 401, /home 303s to /login', async () => {
    const target = await start();
    const me = await fetch(`${target.url}/api/me`, { headers: { cookie: 'sid=demo.forged.sig' } });
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({ error: 'not signed in' });
    const home = await fetch(`${target.url}/home`, { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/login');
  });

  it('refuses a body larger than a form needs (413) instead of buffering it', async () => {
    const target = await start();
    const response = await submit(target, '', { filler: 'x'.repeat(100_000) });
    expect(response.status).toBe(413);
  });
});

describe('login scenarios', () => {
  it('login-broken: POST /session answers 500; the form and the API still work', async () => {
    const target = await start({ scenario: 'login-broken' });
    const { csrf, cookie } = await loadForm(target);
    const response = await submit(target, cookie, { user: DEMO_USER, password: DEMO_PASSWORD, csrf });
    expect(response.status).toBe(500);
    expect((await fetch(`${target.url}/api/timeline`)).status).toBe(200);
  });

  it('login-slow: POST /session answers after more than a second; the form is fast', async () => {
    const target = await start({ scenario: 'login-slow' });
    const { csrf, cookie } = await loadForm(target);
    const startedAt = performance.now();
    const response = await submit(target, cookie, { user: DEMO_USER, password: DEMO_PASSWORD, csrf });
    expect(response.status).toBe(303);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1000);
  });
});
