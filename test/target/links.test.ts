// The target's link routes: short links, status pages and post pictures, healthy and broken.
import { describe, expect, it } from 'vitest';
import { useTarget } from './use-target.js';

const start = useTarget();

async function get(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  const body = await response.text();
  return { status: response.status, location: response.headers.get('location'), type: response.headers.get('content-type'), body };
}

describe('healthy link routes', () => {
  it('a short link redirects to its post, whose page and picture answer 200', async () => {
    const target = await start();
    expect(await get(`${target.url}/t/abc`)).toMatchObject({ status: 301, location: '/status/1001' });
    expect(await get(`${target.url}/t/abc/`)).toMatchObject({ status: 301, location: '/t/abc' });
    const status = await get(`${target.url}/status/1001`);
    expect(status).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(status.body).toContain('<img src="/static/img/1001.svg"');
    expect(await get(`${target.url}/static/img/1001.svg`)).toMatchObject({ status: 200, type: 'image/svg+xml' });
  });

  it('unknown codes, posts and pictures answer 404; other methods 405', async () => {
    const target = await start();
    for (const path of ['/t/nope', '/status/9', '/static/img/9.svg']) expect((await get(target.url + path)).status, path).toBe(404);
    const post = await fetch(`${target.url}/t/abc`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('the home page links each post and shows its picture', async () => {
    const target = await start();
    const { body } = await get(`${target.url}/`);
    for (const id of ['1001', '1002', '1003']) {
      expect(body).toContain(`<a href="/status/${id}">`);
      expect(body).toContain(`<img src="/static/img/${id}.svg"`);
    }
  });
});

describe('links-broken', () => {
  it('loses /t/def, sends /t/mno to a deleted post and loops /t/ghi; /t/abc still works', async () => {
    const target = await start({ scenario: 'links-broken' });
    expect((await get(`${target.url}/t/def`)).status).toBe(404);
    expect(await get(`${target.url}/t/mno`)).toMatchObject({ status: 301, location: '/status/1004' });
    expect((await get(`${target.url}/status/1004`)).status).toBe(404);
    expect(await get(`${target.url}/t/ghi`)).toMatchObject({ status: 301, location: '/t/ghi/' });
    expect(await get(`${target.url}/t/ghi/`)).toMatchObject({ status: 301, location: '/t/ghi' });
    expect(await get(`${target.url}/t/abc`)).toMatchObject({ status: 301, location: '/status/1001' });
  });
});

describe('images-broken', () => {
  it('every image answers 404; pages, scripts and stylesheets do not', async () => {
    const target = await start({ scenario: 'images-broken' });
    for (const path of ['/static/logo.svg', '/static/img/1001.svg']) expect((await get(target.url + path)).status, path).toBe(404);
    for (const path of ['/', '/status/1001', '/static/app.js', '/static/app.css', '/api/health']) expect((await get(target.url + path)).status, path).toBe(200);
  });
});
