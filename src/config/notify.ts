// probes.yaml's top-level `notify:`: where state changes are POSTed, after how many runs, with which
// headers. Header values and the URL may use `${secret.X}` (a webhook URL often is one).
import { z } from 'zod';
import { fill, fillHeaders, type LoadContext } from './context.js';
import { headersField } from './checks.js';
import { countField, durationField, textField } from './fields.js';
import { parseWith } from './issues.js';
import { absoluteHttpUrl } from './urls.js';

/** How long a notification may take before it counts as not delivered (the run never waits longer). */
export const NOTIFY_TIMEOUT_MS = 10_000;

export const notifySchema = z.strictObject({
  url: textField.optional().describe('The receiver (a Slack or Mattermost incoming webhook, any JSON endpoint); may use ${secret.X}. --notify URL replaces it.'),
  downAfter: countField.optional().describe('Consecutive failing runs (degraded or down) before a surface is announced as failing. Default 2.'),
  upAfter: countField.optional().describe('Consecutive passing runs before a surface is announced as up again. Default 2.'),
  headers: headersField.optional().describe('Headers sent with each message; values may use ${secret.X}.'),
  timeout: durationField.optional().describe('How long a message may take before it counts as not delivered (sent again at the next run). Default 10s.'),
});

/** `notify:` resolved: the URL may be null when only `--notify` gives one. */
export interface NotifySettings {
  url: string | null;
  /** Consecutive failing runs (degraded or down) before a surface is announced as failing. */
  downAfter: number;
  /** Consecutive passing runs before it is announced as up again. */
  upAfter: number;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** The settings when the file has no `notify:` (a `--notify URL` alone). */
export const NOTIFY_DEFAULTS: NotifySettings = { url: null, downAfter: 2, upAfter: 2, headers: {}, timeoutMs: NOTIFY_TIMEOUT_MS };

/** Checks and interpolates `notify:`; problems go to ctx (with their line:column), null then. */
export function resolveNotify(raw: unknown, ctx: LoadContext): NotifySettings | null {
  const input = parseWith(notifySchema, raw, ['notify'], ctx.report);
  if (input === null) return null;
  let url: string | null = null;
  if (input.url !== undefined) {
    const filled = fill(ctx, input.url, ['notify', 'url'], 'in notify');
    const parsed = filled && absoluteHttpUrl(filled);
    if (parsed && !(parsed instanceof URL)) ctx.report(['notify', 'url'], parsed.error);
    url = parsed instanceof URL ? parsed.href : null;
    if (url === null) return null;
  }
  const headers = fillHeaders(ctx, input.headers ?? {}, ['notify', 'headers'], 'in notify');
  if (headers === null) return null;
  return {
    url,
    downAfter: input.downAfter ?? NOTIFY_DEFAULTS.downAfter,
    upAfter: input.upAfter ?? NOTIFY_DEFAULTS.upAfter,
    headers,
    timeoutMs: input.timeout ?? NOTIFY_DEFAULTS.timeoutMs,
  };
}
