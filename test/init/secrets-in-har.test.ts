// A HAR file holds what one browser session knew; the drafted probes file must not.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProbesFile } from '../../src/init/init.js';

function harFile(entries: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'upprobe-har-')), 'session.har');
  writeFileSync(path, JSON.stringify({ log: { version: '1.2', entries } }));
  return path;
}

const entry = (method: string, url: string, status: number, mimeType: string, extra: Record<string, unknown> = {}) => ({
  request: { method, url, headers: [{ name: 'Authorization', value: 'Bearer hunter2-header' }, { name: 'Cookie', value: 'session=hunter2-cookie' }] },
  response: { status, headers: [{ name: 'Set-Cookie', value: 'session=hunter2-set' }], content: { mimeType, text: '{"feed":[]}' } },
  ...extra,
});

describe('init from a HAR file keeps the session out of the file', () => {
  it('drops secret-looking query parameters (saying so), and never copies headers or cookies', async () => {
    const har = harFile([
      entry('GET', 'http://127.0.0.1:8080/', 200, 'text/html', { _resourceType: 'document' }),
      entry('GET', 'http://127.0.0.1:8080/api/feed?access_token=hunter2-query&page=2', 200, 'application/json', { _resourceType: 'fetch' }),
      entry('GET', 'http://127.0.0.1:8080/static/app.js?apiKey=hunter2-asset', 200, 'text/javascript', { _resourceType: 'script' }),
      entry('POST', 'http://127.0.0.1:8080/session?csrf_token=hunter2-post', 303, 'text/html', { _resourceType: 'document' }),
      entry('GET', 'http://127.0.0.1:8080/gone?session_id=hunter2-gone', 404, 'text/html', { _resourceType: 'document' }),
    ]);
    const { text } = await draftProbesFile({ urls: [], fromHar: har, output: 'probes.yaml', timeoutMs: 1000 });
    expect(text).not.toMatch(/hunter2/);
    expect(text).toMatch(/url: \/api\/feed\?page=2/);
    expect(text).toMatch(/# left out query parameter access_token \(a secret by its name\): add it back as access_token=\$\{secret\.ACCESS_TOKEN\}/);
    expect(text).toMatch(/\/static\/app\.js\b(?!\?)/);
    expect(text).toMatch(/POST http:\/\/127\.0\.0\.1:8080\/session \(a POST/);
  });
});
