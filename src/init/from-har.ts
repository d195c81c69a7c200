// `upprobe init --from-har FILE`: the page and API requests a browser made become http probes;
// the static files it loaded (scripts, stylesheets, images, fonts) one links probe with urls.
import type { ProbeSketch, SourceDraft } from './draft.js';
import { sketchFromResponse } from './from-urls.js';
import { mediaType } from './guess.js';
import { readHar, recordedBody, recordedContentType, type HarEntry } from './har.js';
import { parseHttpUrl } from './http-url.js';
import { withoutSecretParams } from './secret-params.js';

type Role = 'page' | 'api' | 'asset' | 'other';

const ROLE_BY_RESOURCE_TYPE: Record<string, Role> = {
  document: 'page',
  xhr: 'api',
  fetch: 'api',
  script: 'asset',
  stylesheet: 'asset',
  image: 'asset',
  font: 'asset',
  media: 'asset',
  manifest: 'asset',
};

const ASSET_EXTENSION = /\.(js|mjs|css|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|mp4|webm|mp3|webmanifest)$/i;

/** Sketches probes from a HAR file's text; requests that should not be replayed are listed in notes. */
export function draftFromHar(text: string, file: string): SourceDraft {
  const entries = readHar(text, file);
  const seen = new Set<string>();
  const probes: ProbeSketch[] = [];
  const assets: URL[] = [];
  const skipped: string[] = [];
  let origin: string | undefined;

  for (const entry of entries) {
    const url = parseHttpUrl(entry.request.url);
    if (!(url instanceof URL)) continue; // data:, blob:, extension URLs: nothing a probe can fetch
    const method = entry.request.method.toUpperCase();
    const key = `${method} ${url.href}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const role = roleOf(entry, url);
    if (role === 'page') origin ??= url.origin;
    const { status } = entry.response;

    // Named in the file's header: without the query, which may hold what only that session knew.
    const named = `${url.origin}${url.pathname}`;
    if (method !== 'GET') {
      skipped.push(`${method} ${named} (a ${method} may change something; a flow probe can replay it knowingly)`);
    } else if (status === 0 || status >= 400) {
      skipped.push(`GET ${named} (it ${status === 0 ? 'got no response' : `answered ${status}`} when recorded)`);
    } else if (role === 'asset') {
      assets.push(withoutSecretParams(url).url);
    } else if (role === 'page' || role === 'api') {
      const contentType = mediaType(recordedContentType(entry));
      const sketch = sketchFromResponse(url, { status: status === 304 ? 200 : status, contentType, body: recordedBody(entry) }, 'recorded');
      probes.push(sketch);
    } else {
      skipped.push(`GET ${named} (neither a page, an API call nor a static file)`);
    }
  }

  if (assets.length > 0) {
    probes.push({
      comment: [`the ${assets.length} static file${assets.length === 1 ? '' : 's'} the page loaded (scripts, stylesheets, images, fonts): each is one sample`],
      kind: 'links',
      name: 'assets',
      surface: 'web',
      urls: assets,
      expect: { status: '2xx' },
    });
  }
  const notes = skipped.length > 0 ? ['not probed from the HAR file:', ...skipped.map((s) => `  ${s}`)] : [];
  // Without a page (a HAR of API calls only), the first API call's origin.
  const firstHttp = probes.find((p) => p.kind === 'http');
  return { origin: origin ?? (firstHttp?.kind === 'http' ? firstHttp.url.origin : undefined), probes, notes };
}

/** What the browser loaded this for: its own resource type, else the content type, else the extension. */
function roleOf(entry: HarEntry, url: URL): Role {
  const byType = entry._resourceType === undefined ? undefined : ROLE_BY_RESOURCE_TYPE[entry._resourceType];
  if (byType !== undefined) return byType;
  const type = mediaType(recordedContentType(entry)) ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'page';
  if (/json|xml/.test(type)) return 'api';
  if (/^(image|font|audio|video)\/|css|javascript/.test(type) || ASSET_EXTENSION.test(url.pathname)) return 'asset';
  return 'other';
}
