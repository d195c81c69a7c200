// The parts of a HAR file (HTTP Archive 1.2, what a browser's "Save all as HAR" writes) that
// `init` reads. Everything else in the file (timings, cookies, pages) is ignored, not rejected.
import { z } from 'zod';
import { InitInputError } from './errors.js';
import { dataPath } from './read-input.js';

const headerSchema = z.object({ name: z.string(), value: z.string() });

const entrySchema = z.object({
  request: z.object({ method: z.string(), url: z.string() }),
  response: z.object({
    status: z.number(),
    headers: z.array(headerSchema).optional(),
    redirectURL: z.string().optional(),
    content: z
      .object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional() })
      .optional(),
  }),
  /** Chrome's and Edge's own field: document, script, stylesheet, image, font, xhr, fetch, … */
  _resourceType: z.string().optional(),
});

const harSchema = z.object({ log: z.object({ entries: z.array(entrySchema) }) });

/** One request the browser made and what it got back. */
export type HarEntry = z.output<typeof entrySchema>;

/** The entries of a HAR file's text, or an InitInputError saying why it is not one. */
export function readHar(text: string, file: string): HarEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InitInputError(`${file}: not a HAR file: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = harSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${dataPath(issue.path)}` : '';
    const hint = typeof data === 'object' && data !== null && 'log' in data ? '' : ' (a HAR file has "log": { "entries": [...] }; browsers save one from the network panel)';
    throw new InitInputError(`${file}: not a HAR file${where}: ${issue?.message ?? 'unexpected shape'}${hint}`);
  }
  return parsed.data.log.entries;
}

/** The body a HAR entry recorded, decoded; undefined when the browser left it out. */
export function recordedBody(entry: HarEntry): string | undefined {
  const content = entry.response.content;
  if (content?.text === undefined) return undefined;
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

/** The response's Content-Type: the content's mimeType, else the header. */
export function recordedContentType(entry: HarEntry): string | undefined {
  const fromContent = entry.response.content?.mimeType;
  if (fromContent !== undefined && fromContent !== '') return fromContent;
  return entry.response.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
}
