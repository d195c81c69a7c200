// Issue 15, item 5: a links probe sent its `authorization` and `cookie` headers to every origin
// the page linked to (any <img src> on the page collected the token), and a custom header holding
// a secret (`x-api-key: ${secret.KEY}`) followed a redirect to another origin.
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, keep, startHttpServer } from '../helpers/servers.js';

closeAfterEach();

const HEADERS = `{ authorization: "Bearer \${secret.TOKEN}", cookie: "sid=\${secret.TOKEN}", x-api-key: "\${secret.KEY}", x-team: web }`;
const ENV = { TOKEN: 't0ken-value', KEY: 'k3y-value' };

/** A server that records the headers of each request by path. */
async function recorder(handler: (path: string) => { status?: number; headers?: Record<string, string>; body?: string } = () => ({})) {
  const seen = new Map<string, IncomingHttpHeaders>();
  const server = await keep(
    startHttpServer((req, res) => {
      seen.set(req.url ?? '', req.headers);
      const { status = 200, headers = {}, body = 'ok' } = handler(req.url ?? '');
      res.writeHead(status, { 'content-type': 'text/html', ...headers }).end(body);
    }),
  );
  return { server, seen };
}

const SENSITIVE = ['authorization', 'cookie', 'x-api-key'];

describe('headers that must stay on their origin', () => {
  it('a links page: its own origin gets them, a link to another origin does not', async () => {
    const other = await recorder();
    const page = await recorder((path) => (path === '/' ? { body: `<a href="/same">s</a><img src="${other.server.url}/pixel.png">` } : {}));
    const file = probesFile(`version: 1
probes:
  - { id: links, kind: links, surface: web, headers: ${HEADERS}, links: { fromPage: { url: "${page.server.url}/" } } }
`);
    const { code, stderr } = await runCli(['run', file], { env: ENV });
    expect(code, stderr).toBe(0);
    for (const name of [...SENSITIVE, 'x-team']) {
      expect(page.seen.get('/')?.[name], `page ${name}`).toBeDefined();
      expect(page.seen.get('/same')?.[name], `same-origin link ${name}`).toBeDefined();
    }
    const pixel = other.seen.get('/pixel.png');
    expect(pixel?.['x-team']).toBe('web');
    for (const name of SENSITIVE) expect(pixel?.[name], `cross-origin link ${name}`).toBeUndefined();
  });

  it('a redirect to another origin drops a header holding a secret, as it drops credentials', async () => {
    const other = await recorder();
    const start = await recorder(() => ({ status: 302, headers: { location: `${other.server.url}/landing` } }));
    const file = probesFile(`version: 1
probes:
  - { id: http, kind: http, surface: api, request: { url: "${start.server.url}/go", headers: ${HEADERS} } }
`);
    const { code, stderr } = await runCli(['run', file], { env: ENV });
    expect(code, stderr).toBe(0);
    expect(start.seen.get('/go')?.['x-api-key']).toBe('k3y-value');
    const landing = other.seen.get('/landing');
    expect(landing?.['x-team']).toBe('web');
    for (const name of SENSITIVE) expect(landing?.[name], `after the redirect: ${name}`).toBeUndefined();
  });
});
