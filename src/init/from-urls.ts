// `upprobe init URL…`: one GET per URL, as a probe would send it, and a probe sketched from what
// came back. A URL that cannot be reached stops init: a probe for it would only fail.
import { ConnectionPool } from '../http/connections.js';
import { fetchFollowingRedirects, headerValue } from '../http/redirects.js';
import { describeFailure } from '../report/describe.js';
import { USER_AGENT } from '../version.js';
import type { ProbeSketch, ResponseSeen, SourceDraft } from './draft.js';
import { InitInputError } from './errors.js';
import { guessExpect, guessSurface, mediaType } from './guess.js';
import { droppedNote, withoutSecretParams } from './secret-params.js';

/** What a probe reads of a body by default; plenty for the JSON key guess. */
const MAX_BODY = 1024 * 1024;

/** Probes for the URLs, in order, each from one GET; the first URL's origin is the preferred base. */
export async function draftFromUrls(urls: readonly URL[], timeoutMs: number): Promise<SourceDraft> {
  const probes: ProbeSketch[] = [];
  for (const url of urls) probes.push(sketchFromResponse(url, await getOnce(url, timeoutMs), 'seen'));
  return { origin: urls[0]?.origin, probes, notes: [] };
}

/** An http probe for a response seen at `url` (also used for a HAR file's pages and API calls). */
export function sketchFromResponse(asGiven: URL, seen: ResponseSeen, how: 'seen' | 'recorded'): ProbeSketch {
  const { url, dropped } = withoutSecretParams(asGiven);
  const surface = guessSurface(url.pathname, seen.contentType);
  const { expect, notes } = guessExpect(seen);
  const json = surface.surface === 'api' && seen.contentType?.includes('json') === true;
  return {
    comment: [`${surface.why} (${how}: ${seen.status})`, ...notes, ...droppedNote(dropped)],
    kind: 'http',
    surface: surface.surface,
    url,
    ...(json && { headers: { accept: 'application/json' } }),
    expect,
  };
}

/** One GET as a probe sends it (redirects followed); a transport failure is an InitInputError. */
async function getOnce(url: URL, timeoutMs: number): Promise<ResponseSeen> {
  const pool = new ConnectionPool({ timeoutMs, insecure: false });
  try {
    const result = await fetchFollowingRedirects(pool, {
      url,
      method: 'GET',
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
      followRedirects: true,
      maxRedirects: 10,
      maxBodySize: MAX_BODY,
      truncateBody: true,
      timeoutMs,
    });
    if (!result.ok) throw new InitInputError(`cannot reach ${url.href}: ${describeFailure(result.failure)}`);
    const { response } = result;
    return { status: response.status, contentType: mediaType(headerValue(response.headers['content-type'])), body: response.body.toString('utf8') };
  } finally {
    await pool.close();
  }
}
