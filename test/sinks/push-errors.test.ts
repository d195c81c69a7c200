// How pushes sign in and how they fail: credentials in the Authorization header only, never in a
// message; a closed port, a silent server and a refusal each end as a one-line value in time.
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { pushToGateway } from '../../src/sinks/push/pushgateway.js';
import { remoteWrite } from '../../src/sinks/push/remote-write.js';
import { BEARER_TOKEN_ENV, bearerTokenFromEnv, pushTarget } from '../../src/sinks/push/target.js';
import { closeAfterEach, closedPort, keep, startHttpServer, startRawServer } from '../helpers/servers.js';

closeAfterEach();
const TEXT = '# HELP upprobe_runs_total Runs.\n# TYPE upprobe_runs_total counter\nupprobe_runs_total{vantage="fra1"} 1\n';
const PASSWORD = 'pa:ss@w0rd/%';
const TOKEN = 'tok-3f9a1c';

/** A loopback server that records each request's method, path and headers, and answers `status`. */
async function recorder(status = 200) {
  const seen: { method: string; path: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
  const server = await keep(
    startHttpServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, bytes });
        res.writeHead(status).end(status >= 400 ? `no\nway ${'x'.repeat(1000)}` : '');
      });
    }),
  );
  return { server, seen };
}

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.href;
}

describe('credentials', () => {
  it('sends user:password@ from the URL as Basic, and not in the request line', async () => {
    const { server, seen } = await recorder();
    const outcome = await pushToGateway(withUser(server.url, 'alice', PASSWORD), 'fra1', TEXT, { timeoutMs: 5000, bearerToken: TOKEN });
    expect(outcome.ok).toBe(true);
    expect(seen[0]?.method).toBe('PUT');
    expect(seen[0]?.path).toBe('/metrics/job/upprobe/vantage/fra1');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`);
  });

  it('sends UPPROBE_PUSH_BEARER_TOKEN as Bearer on both pushes', async () => {
    const { server, seen } = await recorder(204);
    const env = { [BEARER_TOKEN_ENV]: TOKEN };
    const bearerToken = bearerTokenFromEnv(env);
    expect((await pushToGateway(`${server.url}/base/`, 'iad1', TEXT, { timeoutMs: 5000, bearerToken })).ok).toBe(true);
    expect((await remoteWrite(`${server.url}/api/v1/write?tenant=a`, TEXT, { timeoutMs: 5000, bearerToken })).ok).toBe(true);
    expect(seen.map((s) => [s.method, s.path, s.headers.authorization])).toEqual([
      ['PUT', '/base/metrics/job/upprobe/vantage/iad1', `Bearer ${TOKEN}`],
      ['POST', '/api/v1/write?tenant=a', `Bearer ${TOKEN}`],
    ]);
    expect(seen[1]?.headers).toMatchObject({
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
    });
    expect(seen[1]?.bytes).toBeGreaterThan(0);
  });

  it('sends no Authorization header without credentials (a blank token is none)', async () => {
    const { server, seen } = await recorder();
    expect((await pushToGateway(server.url, 'fra1', TEXT, { timeoutMs: 5000, bearerToken: bearerTokenFromEnv({ [BEARER_TOKEN_ENV]: ' ' }) })).ok).toBe(true);
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('keeps the password out of every message, also of a URL that does not parse', () => {
    const bad = pushTarget(`//alice:${PASSWORD}@127.0.0.1:9091`, undefined);
    expect('error' in bad && bad.error).toBe('not a URL: "…@127.0.0.1:9091"');
    const other = pushTarget(`localhost:9091:x://alice:${PASSWORD}@`, undefined);
    expect('error' in other && other.error).toBe('not an http(s) URL (localhost:): "…@"');
    const ftp = pushTarget(`ftp://alice:${PASSWORD}@127.0.0.1/`, undefined);
    expect('error' in ftp && ftp.error).toBe('not an http(s) URL (ftp:): "…@127.0.0.1/"');
  });
});

describe('failed pushes', () => {
  it('a closed port: a one-line error naming the URL without its credentials', async () => {
    const port = await closedPort();
    const url = withUser(`http://127.0.0.1:${port}/`, 'alice', PASSWORD);
    for (const outcome of [
      await pushToGateway(url, 'fra1', TEXT, { timeoutMs: 5000, bearerToken: TOKEN }),
      await remoteWrite(`${url}api/v1/write?token=${TOKEN}`, TEXT, { timeoutMs: 5000 }),
    ]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.message).toMatch(new RegExp(`^(Pushgateway push|remote write) to http://127\\.0\\.0\\.1:${port}/\\S* failed: .*ECONNREFUSED`));
      expect(outcome.message).not.toContain('\n');
      expect(outcome.message).not.toContain('alice');
      expect(outcome.message).not.toContain(encodeURIComponent(PASSWORD));
      expect(outcome.message).not.toContain(TOKEN);
    }
  });

  it('an error answer: the status and the start of the body, on one line', async () => {
    const { server } = await recorder(503);
    const outcome = await remoteWrite(`${server.url}/api/v1/write`, TEXT, { timeoutMs: 5000 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^remote write to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write failed: HTTP 503: no way x+…$/);
    expect(outcome.message.length).toBeLessThan(300);
  });

  it('a server that never answers: given up at the deadline', async () => {
    const server = await keep(startRawServer((socket) => socket.resume()));
    const started = performance.now();
    const outcome = await pushToGateway(server.url, 'fra1', TEXT, { timeoutMs: 300 });
    expect(outcome).toEqual({ ok: false, message: `Pushgateway push to ${server.url}/metrics/job/upprobe/vantage/fra1 failed: no answer within 300 ms` });
    // The deadline is the behaviour under test: the push ends near it, not at undici's own 300 s.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an interrupted push stops at once', async () => {
    const server = await keep(startRawServer((socket) => socket.resume()));
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const outcome = await remoteWrite(server.url, TEXT, { timeoutMs: 60_000, signal: stop.signal });
    expect(outcome).toEqual({ ok: false, message: `remote write to ${server.url}/ failed: interrupted` });
  });

  it('text that is not an exposition is refused before anything is sent', async () => {
    const { server, seen } = await recorder();
    const outcome = await pushToGateway(server.url, 'fra1', 'upprobe_x 1 1700000000000\n', { timeoutMs: 5000 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/failed: unreadable metrics \(line 1 is not a sample/);
    expect(seen).toHaveLength(0);
  });
});
