// One JSON POST with a deadline: a receiver that hangs or refuses costs at most the timeout, and
// the error names what happened without the URL's path (a webhook's path is often its secret).
import { USER_AGENT } from '../../version.js';

/** The URL as messages may show it: scheme, host and port only (Slack's path is the secret). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' && !u.search ? '/' : '/…'}`;
  } catch {
    return '(invalid URL)';
  }
}

/** POSTs `body` as JSON; resolves when a 2xx answer came, else throws an Error whose message says why in a few words. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  // Node's own client: one small request per state change needs no connection pool, and the CLI's
  // start-up never pays for it (imported when a message is sent).
  const { request } = url.startsWith('https:') ? await import('node:https') : await import('node:http');
  const payload = Buffer.from(JSON.stringify(body));
  const signal = AbortSignal.timeout(timeoutMs);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length, 'user-agent': USER_AGENT },
      signal,
    });
    req.on('response', (response) => {
      response.resume(); // the answer's body is not read: only its status counts
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  }).catch((err: unknown) => {
    if (signal.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
    const code = (err as { code?: unknown }).code;
    throw new Error(typeof code === 'string' ? describeCode(code) : 'the request failed');
  });
  if (status < 200 || status > 299) throw new Error(`HTTP ${status}`);
}

function describeCode(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name did not resolve (${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection was closed (${code})`;
    default:
      return code;
  }
}
