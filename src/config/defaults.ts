// Built-in defaults and the file's `defaults` section, resolved once for every probe to build on.
import type { Thresholds } from '../model/thresholds.js';
import { fill, fillHeaders, type LoadContext } from './context.js';
import type { DefaultsInput } from './schema.js';
import { absoluteHttpUrl } from './urls.js';

/** What applies when neither the file nor a flag says otherwise (SPEC's defaults). */
export const BUILT_IN = {
  timeoutMs: 10_000,
  samples: 1,
  concurrency: 16,
  followRedirects: true,
  maxRedirects: 10,
  maxBodySize: 1024 * 1024,
  insecure: false,
  reuseConnections: false,
  method: 'GET',
  retries: 0,
  retryDelayMs: 1000,
  /** Unless the file says otherwise, every sample must pass. */
  thresholds: { successRate: 1 } satisfies Thresholds,
} as const;

/** The file's defaults with headers lowercased and interpolated, and the base URL settled. */
export interface ResolvedDefaults extends Omit<DefaultsInput, 'baseUrl' | 'headers'> {
  /** `--base-url`, else `defaults.baseUrl`; null when neither is set; 'invalid' once reported. */
  baseUrl: URL | null | 'invalid';
  headers: Record<string, string>;
}

/** Resolves `defaults` (already schema-checked) and the `--base-url` flag; problems go to ctx. */
export function resolveDefaults(input: DefaultsInput, ctx: LoadContext): ResolvedDefaults {
  const { baseUrl, headers: rawHeaders, ...rest } = input;
  const filled = fillHeaders(ctx, rawHeaders ?? {}, ['defaults', 'headers'], 'in defaults');
  const headers = Object.fromEntries(Object.entries(filled ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return { ...rest, headers, baseUrl: resolveBaseUrl(baseUrl, ctx) };
}

function resolveBaseUrl(fileBase: string | undefined, ctx: LoadContext): URL | null | 'invalid' {
  const flag = ctx.overrides.baseUrl;
  if (flag !== undefined) {
    const url = absoluteHttpUrl({ value: flag, display: flag });
    if (url instanceof URL) return url;
    ctx.reportAtStart(`--base-url: ${url.error}`);
    return 'invalid';
  }
  if (fileBase === undefined) return null;
  const path = ['defaults', 'baseUrl'];
  const text = fill(ctx, fileBase, path, 'in defaults');
  if (text === null) return 'invalid';
  const url = absoluteHttpUrl(text);
  if (url instanceof URL) return url;
  ctx.report(path, url.error);
  return 'invalid';
}
