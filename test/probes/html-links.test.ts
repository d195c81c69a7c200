// Link extraction and collection: what a browser would follow or load, resolved as it would.
import { describe, expect, it } from 'vitest';
import { LINK_ELEMENTS } from '../../src/probes/links/schema.js';
import { extractReferences, srcsetUrls } from '../../src/probes/links/html-links.js';
import { collectLinks, interleaveByHost, type LoadedPage } from '../../src/probes/links/link-list.js';

function page(html: string, url = 'https://site.test/blog/post.html', select = LINK_ELEMENTS): LoadedPage {
  return { url: new URL(url), requested: new URL(url), ...extractReferences(html, select) };
}

function hrefs(html: string, url?: string, limit = 100) {
  const { links, counts } = collectLinks([], page(html, url), limit);
  return { links: links.map((l) => l.href), counts };
}

describe('extractReferences', () => {
  it('reads a[href], img[src] and srcset, script[src] and link[href] in document order', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/app.css"><link rel="icon" href="/favicon.ico">
      <script src="/app.js"></script></head>
      <body><a href="/a">A</a><IMG SRC="/i.png" srcset="/i-2x.png 2x, /i-3x.png 3x"><area href="/map"></body></html>`;
    expect(extractReferences(html, LINK_ELEMENTS).references).toEqual(['/app.css', '/favicon.ico', '/app.js', '/a', '/i.png', '/i-2x.png', '/i-3x.png', '/map']);
  });

  it('honours select: only the chosen elements', () => {
    const html = '<a href="/a">a</a><img src="/i.png"><script src="/s.js"></script><link rel="stylesheet" href="/c.css">';
    expect(extractReferences(html, ['img', 'script']).references).toEqual(['/i.png', '/s.js']);
  });

  it('decodes entities and trims whitespace, as a browser reads the attribute', () => {
    expect(extractReferences('<a href="  /search?q=1&amp;page=2\n">s</a>', ['a']).references).toEqual(['/search?q=1&page=2']);
  });

  it('does not read markup inside script text, comments or preconnect hints', () => {
    const html = `<script>document.write('<a href="/not-a-link">x</a>')</script><!-- <a href="/commented"> -->
      <link rel="preconnect" href="https://cdn.test"><link rel="dns-prefetch" href="//fonts.test"><a href="/real">r</a>`;
    expect(extractReferences(html, LINK_ELEMENTS).references).toEqual(['/real']);
  });

  it('keeps the first <base href> only', () => {
    const found = extractReferences('<base href="/docs/"><base href="/other/"><a href="x">x</a>', ['a']);
    expect(found.base).toBe('/docs/');
  });
});

describe('srcsetUrls', () => {
  it('splits candidates with and without descriptors', () => {
    expect(srcsetUrls('a.png 1x, b.png 2x')).toEqual(['a.png', 'b.png']);
    expect(srcsetUrls('a.png 1x,b.png 480w,c.png')).toEqual(['a.png', 'b.png', 'c.png']);
    expect(srcsetUrls('a.png, b.png')).toEqual(['a.png', 'b.png']);
    expect(srcsetUrls('  \n a.png  100w ,\n b.png 200w  ')).toEqual(['a.png', 'b.png']);
  });

  it('keeps commas inside a URL and inside descriptor parentheses (the standard’s rule)', () => {
    expect(srcsetUrls('a.png,b.png 2x')).toEqual(['a.png,b.png']);
    expect(srcsetUrls('/img?size=1,2 2x, /other.png 1x')).toEqual(['/img?size=1,2', '/other.png']);
    expect(srcsetUrls('a.png (max-width: 1px, foo) 1x, b.png 2x')).toEqual(['a.png', 'b.png']);
  });

  it('reads nothing from an empty attribute', () => {
    expect(srcsetUrls('')).toEqual([]);
    expect(srcsetUrls(' , ,')).toEqual([]);
  });
});

describe('collectLinks', () => {
  it('resolves relative, root-relative and protocol-relative references against the page', () => {
    const { links } = hrefs('<a href="next.html">n</a><a href="/top">t</a><a href="//cdn.test/x.js">c</a><a href="../up">u</a>');
    expect(links).toEqual(['https://site.test/blog/next.html', 'https://site.test/top', 'https://cdn.test/x.js', 'https://site.test/up']);
  });

  it('honours <base href>, even when it comes after a link', () => {
    const { links } = hrefs('<a href="first">f</a><base href="https://static.test/v2/"><img src="logo.png">');
    expect(links).toEqual(['https://static.test/v2/first', 'https://static.test/v2/logo.png']);
  });

  it('strips fragments and checks each URL once; a link to the page itself is not checked again', () => {
    const { links, counts } = hrefs('<a href="/a#one">1</a><a href="/a#two">2</a><a href="/a">3</a><a href="#top">t</a><a href="">self</a><a href="post.html">self</a>');
    expect(links).toEqual(['https://site.test/a']);
    expect(counts).toMatchObject({ found: 6, duplicates: 5, skipped: 0 });
  });

  it('skips and counts mailto:, tel:, javascript: and data: references', () => {
    const html =
      '<a href="mailto:a@b.test">m</a><a href="tel:+1555">t</a><a href="javascript:void(0)">j</a>' +
      '<a href="JavaScript:alert(1)">J</a><img src="data:image/png;base64,AAAA"><a href="/ok">ok</a>';
    const { links, counts } = hrefs(html);
    expect(links).toEqual(['https://site.test/ok']);
    expect(counts).toMatchObject({ found: 6, skipped: 5, duplicates: 0, invalid: 0 });
  });

  it('counts references that are not URLs as invalid', () => {
    const { links, counts } = hrefs('<a href="http://[oops">x</a><a href="https://ok.test/">y</a>');
    expect(links).toEqual(['https://ok.test/']);
    expect(counts.invalid).toBe(1);
  });

  it('applies limit to distinct links and counts the rest', () => {
    const html = Array.from({ length: 8 }, (_, i) => `<a href="/p${i % 6}">x</a>`).join('');
    const { links, counts } = hrefs(html, undefined, 4);
    expect(links).toEqual(['/p0', '/p1', '/p2', '/p3'].map((p) => `https://site.test${p}`));
    expect(counts).toMatchObject({ found: 8, duplicates: 2, overLimit: 2 });
  });

  it('checks listed urls first and merges page links into them', () => {
    const { links, counts } = collectLinks(['https://site.test/a', 'https://site.test/a#x'], page('<a href="/a">a</a><a href="/b">b</a>'), 10);
    expect(links.map((l) => l.href)).toEqual(['https://site.test/a', 'https://site.test/b']);
    expect(counts.duplicates).toBe(2);
  });
});

describe('interleaveByHost', () => {
  it('alternates hosts and keeps each host’s own order', () => {
    const urls = ['https://a.test/1', 'https://a.test/2', 'https://a.test/3', 'https://b.test/1', 'https://c.test/1', 'https://b.test/2'].map((u) => new URL(u));
    expect(interleaveByHost(urls).map((u) => u.href)).toEqual([
      'https://a.test/1',
      'https://b.test/1',
      'https://c.test/1',
      'https://a.test/2',
      'https://b.test/2',
      'https://a.test/3',
    ]);
  });
});

// Issue 15, item 8: hostile pages.
describe('hostile pages', () => {
  it('ignores a <base href> with a javascript: or data: URL, as the HTML standard does', () => {
    expect(hrefs('<base href="javascript:alert(1)"><a href="/a">a</a><a href="b">b</a>').links).toEqual([
      'https://site.test/a',
      'https://site.test/blog/b',
    ]);
    expect(hrefs('<base href="data:text/html,x"><a href="c">c</a>').links).toEqual(['https://site.test/blog/c']);
  });

  it('counts links longer than 8 KiB as invalid, without resolving 8,000 of them against a 64 KiB base', () => {
    const base = `https://site.test/${'b'.repeat(64 * 1024)}/`;
    const links = Array.from({ length: 8000 }, (_, i) => `<a href="p${i}">x</a>`).join('');
    const short = '<a href="https://other.test/ok">ok</a><a href="/root">r</a><a href="//cdn.test/c">c</a>';
    const { links: kept, counts } = hrefs(`<base href="${base}">${links}${short}`);
    expect(kept).toEqual(['https://other.test/ok', 'https://site.test/root', 'https://cdn.test/c']);
    expect(counts).toMatchObject({ found: 8003, invalid: 8000, duplicates: 0 });
  });

  it('reads links at any depth of 93,000 unclosed elements', () => {
    const html = `${'<div>'.repeat(93_000)}<a href="/deep">x</a>${'</span>'.repeat(1000)}<img src="/after.png">`;
    expect(extractReferences(html, LINK_ELEMENTS).references).toEqual(['/deep', '/after.png']);
  });
});

describe('the work one page can cause', () => {
  it('resolves relative references against a long base within a budget; the rest are over the limit', () => {
    const base = `https://site.test/${'b'.repeat(8000)}/`;
    const html = `<base href="${base}">${Array.from({ length: 20_000 }, (_, i) => `<a href=../x${i}/..>x</a>`).join('')}`;
    const { links, counts } = hrefs(html, undefined, 1_000_000);
    // Every one resolves to the base's parent directory: one link, then duplicates, until the budget is spent.
    expect(links).toHaveLength(1);
    expect(counts.found).toBe(20_000);
    expect(counts.duplicates + counts.overLimit + links.length).toBe(20_000);
    expect(counts.overLimit).toBeGreaterThan(10_000);
  });
});
