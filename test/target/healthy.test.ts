import { describe, expect, it } from 'vitest';
import { SCENARIO_HEADER } from '../../src/target/server.js';
import { useTarget } from './use-target.js';

const start = useTarget();

const ROUTES = [
  ['/', 'text/html; charset=utf-8'],
  ['/explore', 'text/html; charset=utf-8'],
  ['/static/app.css', 'text/css; charset=utf-8'],
  ['/static/app.js', 'text/javascript; charset=utf-8'],
  ['/static/logo.svg', 'image/svg+xml'],
  ['/api/health', 'application/json; charset=utf-8'],
  ['/api/timeline', 'application/json; charset=utf-8'],
  ['/api/notifications', 'application/json; charset=utf-8'],
] as const;

describe('healthy target', () => {
  it.each(ROUTES)('GET %s answers 200 with %s', async (path, contentType) => {
    const target = await start();
    const response = await fetch(target.url + path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get(SCENARIO_HEADER)).toBe('healthy');
    expect((await response.text()).length).toBeGreaterThan(0);
  });

  it('listens on a free loopback port and reports it', async () => {
    const target = await start();
    expect(target.port).toBeGreaterThan(0);
    expect(target.url).toBe(`http://127.0.0.1:${target.port}`);
    expect(target.scenario).toBe('healthy');
  });

  it('home page references the assets and links to /explore', async () => {
    const target = await start();
    const html = await (await fetch(`${target.url}/`)).text();
    expect(html).toContain('<link rel="stylesheet" href="/static/app.css">');
    expect(html).toContain('<script src="/static/app.js"');
    expect(html).toContain('<img src="/static/logo.svg"');
    expect(html).toContain('<a href="/explore">');
    expect(html).toContain('class="post"');
  });

  it('API bodies have the documented shape', async () => {
    const target = await start();
    const get = async (path: string): Promise<unknown> => (await fetch(target.url + path)).json();
    expect(await get('/api/health')).toEqual({ status: 'ok' });
    expect(await get('/api/timeline')).toMatchObject({ status: 'ok', items: expect.arrayContaining([expect.objectContaining({ id: '1003' })]) as unknown });
    expect(await get('/api/notifications')).toMatchObject({ status: 'ok', unread: 2 });
  });

  it('ignores the query string when routing', async () => {
    const target = await start();
    expect((await fetch(`${target.url}/api/timeline?page=2`)).status).toBe(200);
  });

  it('answers HEAD like GET without a body', async () => {
    const target = await start();
    const response = await fetch(`${target.url}/api/timeline`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await response.text()).toBe('');
  });
});

describe('unknown paths and methods', () => {
  it('an unknown page is an HTML 404', async () => {
    const target = await start();
    const response = await fetch(`${target.url}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get(SCENARIO_HEADER)).toBe('healthy');
  });

  it('an unknown API path is a JSON 404', async () => {
    const target = await start();
    const response = await fetch(`${target.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ error: 'not found' });
  });

  it('a known path with the wrong method is a 405 with allow', async () => {
    const target = await start();
    const response = await fetch(`${target.url}/api/timeline`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toEqual({ error: 'method not allowed' });
  });
});
