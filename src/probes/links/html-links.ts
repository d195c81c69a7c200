// Finds the references a browser would follow or load in an HTML page, with a real HTML
// tokenizer (htmlparser2's): script and style contents are text, entities are decoded, attribute
// quoting and case are handled as browsers do. No regular expression ever looks at the HTML.
// Only start tags matter here, so no tree or element stack is kept: htmlparser2's Parser keeps
// one (and unshifts onto it), which made 93,000 unclosed <div>s take seconds; this is one pass.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { LinkElement } from './schema.js';

/** What a page refers to, as written (unresolved), in document order. */
export interface PageReferences {
  /** The first `<base href>`: every relative reference resolves against it (HTML's document base URL). */
  base: string | null;
  references: string[];
}

/** `<link rel>` values that name an origin to warm up, not a resource to load. */
const HINT_RELS = new Set(['preconnect', 'dns-prefetch']);

/** The elements whose attributes are read, and the attributes read. */
const ELEMENTS = new Set(['base', 'a', 'area', 'img', 'source', 'script', 'link']);
const ATTRIBUTES = new Set(['href', 'src', 'srcset', 'rel']);

type Attributes = Partial<Record<'href' | 'src' | 'srcset' | 'rel', string>>;

/** Reads the references of the selected elements: a[href], img[src|srcset], script[src], link[href]. */
export function extractReferences(html: string, select: readonly LinkElement[]): PageReferences {
  const wanted = new Set(select);
  const found: PageReferences = { base: null, references: [] };
  const add = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed !== undefined) found.references.push(trimmed);
  };
  const onStartTag = (name: string, attributes: Attributes) => {
    switch (name) {
      case 'base':
        if (found.base === null && attributes.href !== undefined) found.base = attributes.href.trim();
        break;
      case 'a':
      case 'area':
        if (wanted.has('a')) add(attributes.href);
        break;
      case 'img':
      case 'source':
        if (!wanted.has('img')) break;
        if (name === 'img') add(attributes.src);
        if (attributes.srcset !== undefined) srcsetUrls(attributes.srcset).forEach(add);
        break;
      case 'script':
        if (wanted.has('script')) add(attributes.src);
        break;
      case 'link': {
        const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        if (wanted.has('link') && !rels.some((rel) => HINT_RELS.has(rel))) add(attributes.href);
        break;
      }
    }
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, startTags(html, onStartTag));
  tokenizer.write(html);
  tokenizer.end();
  return found;
}

/**
 * Tokenizer callbacks that hand each start tag of interest to `onStartTag` with the attributes
 * it needs (lowercased names, entities decoded, the first of a repeated attribute), as
 * htmlparser2's Parser would, and ignore everything else.
 */
function startTags(html: string, onStartTag: (name: string, attributes: Attributes) => void): TokenizerCallbacks {
  let tag = '';
  let attributes: Attributes | null = null;
  let name = '';
  let value = '';
  const ignore = () => undefined;
  const end = () => {
    if (attributes) onStartTag(tag, attributes);
    attributes = null;
  };
  return {
    onopentagname(start, endIndex) {
      tag = html.slice(start, endIndex).toLowerCase();
      attributes = ELEMENTS.has(tag) ? {} : null;
    },
    onattribname(start, endIndex) {
      name = html.slice(start, endIndex).toLowerCase();
      value = '';
    },
    onattribdata(start, endIndex) {
      if (attributes && ATTRIBUTES.has(name)) value += html.slice(start, endIndex);
    },
    onattribentity(codepoint) {
      if (attributes && ATTRIBUTES.has(name)) value += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (attributes && ATTRIBUTES.has(name)) {
        const key = name as keyof Attributes;
        attributes[key] ??= value;
      }
      value = '';
    },
    onopentagend: end,
    onselfclosingtag: end,
    onclosetag: ignore,
    ontext: ignore,
    ontextentity: ignore,
    oncdata: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onprocessinginstruction: ignore,
    onend: ignore,
  };
}

const isSpace = (char: string) => char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';

/**
 * The URLs of a srcset attribute ("a.png 1x, b.png 2x"), split as the HTML standard's srcset
 * parser does: a URL runs to whitespace, trailing commas end a candidate, and descriptors run
 * to the next comma outside parentheses (so "x.png?a,b 2x" keeps its comma).
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && (isSpace(srcset[i]!) || srcset[i] === ',')) i++;
    const start = i;
    while (i < srcset.length && !isSpace(srcset[i]!)) i++;
    let url = srcset.slice(start, i);
    let end = url.length;
    while (end > 0 && url[end - 1] === ',') end--;
    const endedCandidate = end < url.length;
    url = url.slice(0, end);
    if (url !== '') urls.push(url);
    if (endedCandidate) continue;
    let inParens = false;
    for (; i < srcset.length; i++) {
      const char = srcset[i];
      if (char === '(') inParens = true;
      else if (char === ')') inParens = false;
      else if (char === ',' && !inParens) {
        i++;
        break;
      }
    }
  }
  return urls;
}
