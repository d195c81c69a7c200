// One real run whose results hold everything a report format must escape: markup, quotes,
// pipes, a control character and a line break, from the server's body and from the vantage name.
import type { RunResult } from '../../src/model/result.js';
import { runYaml } from '../helpers/run.js';
import { startHttpServer, type TestServer } from '../helpers/servers.js';

/** What the server puts in a body that fails `contains`, and so lands in the example message. */
export const HOSTILE_BODY = `<b>&amp; "quoted" 'single' | pipe ]]> \u0001 ${'`'}tick${'`'}</b>`;
/** A vantage with a quote, a backslash and a line break (the Prometheus label escapes). */
export const HOSTILE_VANTAGE = 'lab "7" \\ rack\nB';

export interface HostileRun {
  result: RunResult;
  server: TestServer;
}

/** api: one probe failing an assertion on the hostile body, one passing, one flaky; web: one 503. */
export async function hostileRun(): Promise<HostileRun> {
  let flakyCalls = 0;
  const server = await startHttpServer((req, res) => {
    if (req.url === '/hostile') return res.end(HOSTILE_BODY);
    if (req.url === '/down') return res.writeHead(503).end();
    if (req.url === '/flaky') return res.writeHead(++flakyCalls % 2 === 1 ? 500 : 200).end('ok');
    res.end('ok');
  });
  const result = await runYaml(`version: 1
vantage: ${JSON.stringify(HOSTILE_VANTAGE)}
defaults: { baseUrl: "${server.url}", samples: 2, concurrency: 1 }
probes:
  - { id: api-hostile, kind: http, surface: api, request: { url: /hostile }, expect: { body: { contains: "never there" } } }
  - { id: api-ok, kind: http, surface: api, request: { url: /ok } }
  - { id: api-flaky, kind: http, surface: api, retries: 1, retryDelay: 0, request: { url: /flaky } }
  - { id: web-down, kind: http, surface: web, request: { url: /down } }
`);
  return { result, server };
}
