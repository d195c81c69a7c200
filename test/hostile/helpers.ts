// Shared by the hostile-server specs: short timeouts, a fetch that records how long it took, and
// servers that are closed after each test whatever happened.
import { expect } from 'vitest';
import { ConnectionPool } from '../../src/http/connections.js';
import { fetchFollowingRedirects, type FetchRequest, type FetchResult } from '../../src/http/redirects.js';
import { keep, type TestServer } from '../helpers/servers.js';

/** The per-request timeout of the hostile specs: short, so the suite stays quick. */
export const TIMEOUT_MS = 300;

/** How late a result may come after its timeout on a busy 2-core machine. */
export const MARGIN_MS = 2000;

/** The suite's one cleanup helper: call once per spec file. */
export { closeAfterEach } from '../helpers/servers.js';

/** Keeps a started server for closing after the test. */
export async function serve(server: Promise<TestServer>): Promise<TestServer> {
  return keep(await server);
}

/** A fetch as a probe sample makes it, with how long it took. */
export async function timedFetch(url: string, overrides: Partial<FetchRequest> = {}, insecure = false): Promise<FetchResult & { elapsed: number }> {
  const timeoutMs = overrides.timeoutMs ?? TIMEOUT_MS;
  const pool = new ConnectionPool({ timeoutMs, insecure });
  keep(pool);
  const request: FetchRequest = {
    url: new URL(url),
    method: 'GET',
    headers: {},
    followRedirects: true,
    maxRedirects: 10,
    maxBodySize: 1024 * 1024,
    timeoutMs,
    ...overrides,
  };
  const started = performance.now();
  const result = await fetchFollowingRedirects(pool, request);
  return { ...result, elapsed: performance.now() - started };
}

/** The failure of a result that must have failed. */
export function failureOf(result: FetchResult) {
  expect(result.ok, 'expected the request to fail').toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.failure;
}

/** A result that came within the timeout plus the margin, never later. */
export function expectInTime(result: { elapsed: number }, timeoutMs = TIMEOUT_MS): void {
  expect(result.elapsed).toBeLessThan(timeoutMs + MARGIN_MS);
}
