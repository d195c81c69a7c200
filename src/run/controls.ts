// Controls: endpoints the user trusts to be up that share nothing with the service. They test
// the prober's own network, in the same run as the probes: each once, never retried, and any
// HTTP answer (any status) within the timeout passes.
import type { LookupFunction } from 'node:net';
import type { ControlOutcome } from '../model/diagnosis.js';
import { ConnectionPool } from '../http/connections.js';
import { fetchFollowingRedirects } from '../http/redirects.js';
import type { ControlSpec } from '../config/types.js';

export type { ControlSpec } from '../config/types.js';

/** Enough of a body to know an answer came; the rest is not read. */
const BODY_BYTES = 1024;

/** The URL as reports show it: no user name or password. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

async function runControl(control: ControlSpec, lookup: LookupFunction | undefined): Promise<ControlOutcome> {
  const pool = new ConnectionPool({ timeoutMs: control.timeoutMs, insecure: false, lookup });
  try {
    const result = await fetchFollowingRedirects(pool, {
      url: new URL(control.url),
      method: 'GET',
      headers: control.headers,
      followRedirects: false, // a redirect is an answer: the network worked
      maxRedirects: 0,
      maxBodySize: BODY_BYTES,
      truncateBody: true,
      timeoutMs: control.timeoutMs,
    });
    return { url: displayUrl(control.url), passed: result.ok, failureClass: result.ok ? null : result.failure.class };
  } finally {
    await pool.close();
  }
}

/** Runs every control at once; resolves with one outcome per control, in order. */
export function runControls(controls: ControlSpec[], lookup?: LookupFunction): Promise<ControlOutcome[]> {
  return Promise.all(controls.map((control) => runControl(control, lookup)));
}
