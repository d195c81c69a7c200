// `upprobe check URL…`: probes URLs without a file. The URLs become a probes file in memory
// (one http probe each, no thresholds, so every sample must pass) that goes through `run`.
import { stringify } from 'yaml';
import type { Surface } from '../model/surface.js';
import { parseHttpUrl } from '../init/http-url.js';
import { IdAllocator, idFromUrl } from '../init/probe-id.js';
import { UsageError } from './errors.js';
import type { OutputBoundary } from './output.js';
import { runFile, type RunFlags } from './run-command.js';

/** Config problems name this instead of a file (there is none). */
const CHECK_SOURCE = 'upprobe check';

/** `--surface` here says what the URLs are (default web), not which probes to keep. */
export async function checkCommand(urls: string[], flags: RunFlags, output: OutputBoundary): Promise<number> {
  return runFile({ name: CHECK_SOURCE, text: checkProbesText(urls, flags.surface ?? 'web', flags.baseUrl) }, flags, output, {});
}

/** The probes file `check` runs: one http probe per URL, ids from host and path; `/path` needs `--base-url`. */
export function checkProbesText(urls: readonly string[], surface: Surface, baseUrl?: string): string {
  const ids = new IdAllocator();
  const probes = urls.map((text) => {
    if (text.startsWith('/') && baseUrl === undefined) throw new UsageError(`check: "${text}" is a path: give a whole URL, or --base-url to resolve it against`);
    const url = parseHttpUrl(text.startsWith('/') && baseUrl !== undefined ? new URL(text, baseUrl).href : text);
    if (!(url instanceof URL)) throw new UsageError(`check: ${url.error}`);
    return { id: ids.take(idFromUrl(url, true)), kind: 'http', surface, request: { url: url.href } };
  });
  return stringify({ version: 1, probes });
}
