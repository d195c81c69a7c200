// `upprobe init`: drafts a commented probes file from URLs, a HAR file and/or an OpenAPI
// document, checks it with the loader `validate` uses, and writes it without overwriting.
import { parseConfig, ConfigError, formatProblem } from '../probes/load.js';
import { assemble } from './assemble.js';
import type { DraftFile, SourceDraft } from './draft.js';
import { InitInputError } from './errors.js';
import { draftFromHar } from './from-har.js';
import { draftFromOpenApi } from './from-openapi.js';
import { draftFromUrls } from './from-urls.js';
import { parseHttpUrl } from './http-url.js';
import { readInputText } from './read-input.js';
import { renderDraft } from './render.js';
import { schemaLine } from './schema-line.js';

/** What to draft from and where the file goes (`-` for stdout). */
export interface InitOptions {
  urls: readonly string[];
  fromHar?: string | undefined;
  fromOpenapi?: string | undefined;
  /** Where the API runs, when the OpenAPI document does not say (or says something else). */
  baseUrl?: string | undefined;
  output: string;
  timeoutMs: number;
}

/** The drafted file's text and how many probes of each surface it holds. */
export interface InitResult {
  text: string;
  probes: { api: number; web: number };
}

/** Reads every source, drafts and renders the file; any bad input is an InitInputError. */
export async function draftProbesFile(options: InitOptions): Promise<InitResult> {
  if (options.urls.length === 0 && options.fromHar === undefined && options.fromOpenapi === undefined) {
    throw new InitInputError('init needs something to draft from: URLs, --from-har FILE or --from-openapi FILE');
  }
  const urls = options.urls.map((text) => {
    const url = parseHttpUrl(text);
    if (!(url instanceof URL)) throw new InitInputError(url.error);
    return url;
  });
  const baseFlag = options.baseUrl === undefined ? undefined : parseHttpUrl(options.baseUrl);
  if (baseFlag !== undefined && !(baseFlag instanceof URL)) throw new InitInputError(`--base-url: ${baseFlag.error}`);

  // Files first: a bad file should not wait behind network requests.
  const sources: SourceDraft[] = [];
  const from: string[] = [];
  if (options.fromOpenapi !== undefined) {
    sources.push(draftFromOpenApi(await readInputText(options.fromOpenapi), options.fromOpenapi, baseFlag));
    from.push(`the OpenAPI document ${options.fromOpenapi}`);
  }
  if (options.fromHar !== undefined) {
    sources.push(draftFromHar(await readInputText(options.fromHar), options.fromHar));
    from.push(`the HAR file ${options.fromHar}`);
  }
  if (urls.length > 0) {
    sources.push(await draftFromUrls(urls, options.timeoutMs));
    from.push(urls.length === 1 ? `one GET of ${urls[0]?.href}` : `one GET of each of ${urls.length} URLs`);
  }
  const { baseUrl, probes } = assemble(sources);
  if (probes.length === 0) {
    const left = sources.flatMap((s) => s.notes).filter((n) => n.startsWith('  '));
    const why = left.length === 0 ? 'no request found' : `left out ${left[0]?.trim()}${left.length > 1 ? ` and ${left.length - 1} more` : ''}`;
    throw new InitInputError(`nothing to probe in ${from.join(' and ')}: ${why}`);
  }

  const draft: DraftFile = {
    header: [
      `Drafted by \`upprobe init\` from ${from.join(', ')}.`,
      'Each probe says above it what it was drafted from: keep what fits, change what does not.',
      'Check it with `upprobe validate`, run it with `upprobe run`.',
      ...sources.flatMap((s) => (s.notes.length > 0 ? ['', ...s.notes] : [])),
    ],
    defaultsComment: [
      ...(baseUrl === undefined ? [] : ['Relative probe URLs resolve against baseUrl; `upprobe run --base-url URL` points this file elsewhere.']),
      'One sample per probe, and every sample must pass: raise samples (or pass -n) for meaningful p95/p99,',
      'and set limits such as thresholds: { successRate: 95%, p95: 800ms } where they matter.',
    ],
    defaults: { ...(baseUrl !== undefined && { baseUrl }), timeout: '10s', samples: 1 },
    probes,
  };
  const text = `${renderDraft(draft, schemaLine(options.output === '-' ? 'probes.yaml' : options.output))}`;
  assertValid(text, options.output);
  const api = probes.filter((p) => p.probe.surface === 'api').length;
  return { text, probes: { api, web: probes.length - api } };
}

/** A drafted file that `validate` would reject is a bug in init, not the user's mistake. */
function assertValid(text: string, file: string): void {
  try {
    parseConfig(text, file, {}, {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new Error(`init drafted a file that does not validate: ${error.problems.map(formatProblem).join('; ')}`);
  }
}
