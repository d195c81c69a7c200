// Every relative link in the docs leads somewhere: the file exists and, for `page.md#anchor`, the
// page has that heading (GitHub's anchors). Docs move often; a dead link is found here, not by a reader.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  'bench/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

function tokensOf(path: string): Token[] {
  const tokens: Token[] = [];
  // walkTokens returns the callbacks' results; these callbacks return nothing.
  void marked.walkTokens(marked.lexer(readFileSync(path, 'utf8')), (token) => void tokens.push(token));
  return tokens;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(path: string): Set<string> {
  const anchors = new Set<string>();
  for (const token of tokensOf(path)) {
    if (token.type !== 'heading') continue;
    const text = (token as Token & { text: string }).text.replace(/`|\*\*|\[|\]\([^)]*\)/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}


/** Links that stay inside the repository: no scheme, no protocol-relative URL. */
function relativeLinks(path: string): string[] {
  return tokensOf(path)
    .filter((token) => token.type === 'link' || token.type === 'image')
    .map((token) => (token as Token & { href: string }).href)
    .filter((href) => !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href));
}

describe.each(PAGES)('%s', (page) => {
  const path = join(ROOT, page);

  it('exists', () => {
    expect(existsSync(path)).toBe(true);
  });

  it('every relative link and anchor resolves', () => {
    const dead: string[] = [];
    for (const href of relativeLinks(path)) {
      const [file = '', anchor] = decodeURI(href).split('#');
      const target = file === '' ? path : resolve(dirname(path), file);
      if (!existsSync(target)) dead.push(`${href}: no file ${relative(ROOT, target)}`);
      else if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(target).has(anchor)) dead.push(`${href}: no heading #${anchor}`);
    }
    expect(dead).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('knows GitHub anchors and finds a dead link', () => {
    const readme = join(ROOT, 'README.md');
    expect(anchorsOf(readme).has('run-options')).toBe(true); // "### `run` options"
    expect(anchorsOf(join(ROOT, 'docs/probes-file.md')).has('link-probes-kind-links')).toBe(true); // "## Link probes (`kind: links`)"
    expect(relativeLinks(join(ROOT, 'README.md')).length).toBeGreaterThan(5);
  });
});
