// Turns sketched probes into the file's data: one base URL for the origin most probes are on,
// URLs on it written relative (so --base-url points the file elsewhere), unique ids.
import type { DraftProbe, ProbeSketch, SourceDraft } from './draft.js';
import { IdAllocator, idFromUrl } from './probe-id.js';

/** The probes as written, and the base URL they were written against (if any). */
export interface Assembled {
  baseUrl: string | undefined;
  probes: DraftProbe[];
}

/** Assembles every source's probes, in order; the first source's origin wins ties. */
export function assemble(sources: readonly SourceDraft[]): Assembled {
  const sketches = sources.flatMap((s) => s.probes);
  const baseUrl = chooseBase(sources, sketches);
  const ids = new IdAllocator();
  const probes = sketches.map((sketch): DraftProbe => {
    const first = sketch.kind === 'http' ? sketch.url : sketch.urls[0];
    const onBase = first !== undefined && first.origin === baseUrl;
    const expect = sketch.expect && Object.keys(sketch.expect).length > 0 ? { expect: sketch.expect } : {};
    if (sketch.kind === 'http') {
      const request = { url: relativeTo(sketch.url, baseUrl), ...(sketch.headers && { headers: sketch.headers }) };
      const id = ids.take(idFromUrl(sketch.url, !onBase));
      return { comment: sketch.comment, probe: { id, kind: 'http', surface: sketch.surface, request, ...expect } };
    }
    const host = first !== undefined && !onBase ? `${first.hostname}-` : '';
    const links = { urls: sketch.urls.map((url) => relativeTo(url, baseUrl)) };
    return { comment: sketch.comment, probe: { id: ids.take(`${host}${sketch.name}`), kind: 'links', surface: sketch.surface, links, ...expect } };
  });
  return { baseUrl, probes };
}

/** The origin most URLs are on (the sources' own origins first among equals); none when no URL repeats one. */
function chooseBase(sources: readonly SourceDraft[], sketches: readonly ProbeSketch[]): string | undefined {
  const counts = new Map<string, number>();
  for (const source of sources) if (source.origin !== undefined) counts.set(source.origin, 0);
  for (const sketch of sketches) {
    for (const url of sketch.kind === 'http' ? [sketch.url] : sketch.urls) counts.set(url.origin, (counts.get(url.origin) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (best === undefined || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** `/path?query` for a URL on the base's origin, else the whole URL. */
function relativeTo(url: URL, baseUrl: string | undefined): string {
  return url.origin === baseUrl ? `${url.pathname}${url.search}` : url.href;
}
