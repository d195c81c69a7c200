// Pushes a run's metrics to a Prometheus Pushgateway: `PUT /metrics/job/upprobe/vantage/<vantage>`.
// PUT replaces the whole group, so a vantage's group always holds its last run, never a mix of
// series from two runs (a probe removed from probes.yaml disappears with the next push).
import { parseExposition } from './exposition.js';
import { pushFailed, sendPush, type PushOptions, type PushOutcome } from './send.js';
import { pushTarget } from './target.js';

/** The job label of every push (SPEC). */
export const PUSH_JOB = 'upprobe';

/**
 * Sends `promText` (what the `--prom` reporter writes) as the group of one vantage. The text goes
 * as it is: Pushgateway accepts its counters, summaries and escaped labels; it rejects samples
 * with timestamps, which the reporter never writes (checked here, so the message says why).
 */
export async function pushToGateway(baseUrl: string, vantage: string, promText: string, options: PushOptions): Promise<PushOutcome> {
  const target = pushTarget(baseUrl, options.bearerToken);
  if ('error' in target) return { ok: false, message: `Pushgateway push failed: ${target.error}` };
  const base = target.url.pathname.replace(/\/+$/, '');
  target.url.pathname = `${base}/metrics/job/${PUSH_JOB}/${groupingSegment('vantage', vantage)}`;
  try {
    parseExposition(promText);
  } catch (err) {
    return pushFailed('Pushgateway push', target.url, `unreadable metrics (${(err as Error).message})`);
  }
  return sendPush(
    {
      what: 'Pushgateway push',
      method: 'PUT',
      target,
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
      body: promText,
    },
    options,
  );
}


/**
 * One `label/value` pair of a grouping key. A value that is empty or holds a character a path
 * segment cannot carry plainly (`/` above all) goes base64url-encoded, as `label@base64/value`
 * (Pushgateway's own escape; an empty value is written `=`).
 */
export function groupingSegment(label: string, value: string): string {
  if (/^[A-Za-z0-9._~-]+$/.test(value)) return `${label}/${value}`;
  if (value === '') return `${label}@base64/=`;
  return `${label}@base64/${Buffer.from(value, 'utf8').toString('base64url')}`;
}
