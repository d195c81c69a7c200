// Pays, before a run's clock starts, what only the first request of a process pays: compiling
// undici's WebAssembly HTTP parser, running the request path for the first time and, for HTTPS,
// loading the root certificate store (~30 ms). Without this the first sample of a run is 10–40 ms
// slower than the next ones. The request goes to a throwaway server on loopback: nothing is sent
// to any probed target.
import { createServer, type AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { ConnectionPool } from './connections.js';
import { fetchFollowingRedirects } from './redirects.js';

const RESPONSE = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok';
const WARM_UP_TIMEOUT_MS = 2000;

/** Warms the request path (and TLS when `tls`); never fails: at worst the first sample pays. */
export async function warmUp({ tls }: { tls: boolean }): Promise<void> {
  if (tls) createSecureContext();
  const server = createServer((socket) => {
    socket.on('error', () => undefined).once('data', () => socket.end(RESPONSE));
  });
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const pool = new ConnectionPool({ timeoutMs: WARM_UP_TIMEOUT_MS, insecure: false });
    try {
      await fetchFollowingRedirects(pool, {
        url: new URL(`http://127.0.0.1:${port}/`),
        method: 'GET',
        headers: {},
        followRedirects: true,
        maxRedirects: 0,
        maxBodySize: 1024,
        timeoutMs: WARM_UP_TIMEOUT_MS,
      });
    } finally {
      await pool.close();
    }
  } catch {
    // Loopback refused (a sandbox): nothing is wrong with the run, its first sample pays instead.
  } finally {
    server.close();
  }
}

/** Whether any string in a probe's config is an https URL: then TLS is worth warming. */
export function mentionsHttps(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('https://');
  if (Array.isArray(value)) return value.some(mentionsHttps);
  if (value !== null && typeof value === 'object') return Object.values(value).some(mentionsHttps);
  return false;
}
