// Basic authentication from `basicAuth` or from `user:pass@` in the URL, as curl sends it.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { get, listen } from './helpers.js';

async function recording(): Promise<{ port: number; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const port = await listen(
    createServer((req, res) => {
      seen.push(req.headers);
      if (req.url === '/away') return res.writeHead(302, { location: `http://localhost:${port}/landed` }).end();
      res.end('ok');
    }),
  );
  return { port, seen };
}

const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('Basic authentication', () => {
  it('user:pass@ in the URL is sent as Basic (percent-decoded) and left out of every reported URL', async () => {
    const { port, seen } = await recording();
    const result = await get(`http://us%40er:p%C3%A4ss%3Aword@127.0.0.1:${port}/x`);
    expect(seen[0]?.authorization).toBe(basic('us@er:päss:word'));
    expect(result.url.href).toBe(`http://127.0.0.1:${port}/x`);
    expect(JSON.stringify(result)).not.toContain('word');
  });

  it('basicAuth sends the given user and password, and wins over the URL', async () => {
    const { port, seen } = await recording();
    await get(`http://a:b@127.0.0.1:${port}/`, {}, { basicAuth: { user: 'probe', password: 'pw' } });
    expect(seen[0]?.authorization).toBe(basic('probe:pw'));
  });

  it("a probe's own authorization header wins", async () => {
    const { port, seen } = await recording();
    await get(`http://a:b@127.0.0.1:${port}/`, {}, { headers: { Authorization: 'Bearer t' } });
    expect(seen[0]?.authorization).toBe('Bearer t');
  });

  it('is not carried to another origin by a redirect', async () => {
    const { port, seen } = await recording();
    const result = await get(`http://u:p@127.0.0.1:${port}/away`);
    expect(result.ok).toBe(true);
    expect(seen.map((h) => h.authorization)).toEqual([basic('u:p'), undefined]);
  });
});
