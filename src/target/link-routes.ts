// Routes with a parameter in the path: short links `/t/<code>`, status pages `/status/<id>` and
// post pictures `/static/img/<id>.svg`. Each is built for the path asked for, so scenarios see it.
import { postImageResponse } from './assets.js';
import { POSTS, SHORT_LINKS } from './data.js';
import { movedPage, notFoundPage, statusPage } from './pages.js';
import type { Route } from './route.js';

const SHORT_LINK = '/t/';
const STATUS = '/status/';
const POST_IMAGE = /^\/static\/img\/(\d+)\.svg$/;

/** The GET route for a parameterised path, or undefined when the path has none. */
export function linkRoute(path: string): Route | undefined {
  if (path.startsWith(SHORT_LINK)) {
    return { name: 'short-link', method: 'GET', path, kind: 'page', respond: () => shortLink(path.slice(SHORT_LINK.length)) };
  }
  if (path.startsWith(STATUS)) {
    const post = POSTS.find((p) => p.id === path.slice(STATUS.length));
    return { name: 'status', method: 'GET', path, kind: 'page', respond: () => (post ? statusPage(post) : notFoundPage()) };
  }
  const image = POST_IMAGE.exec(path)?.[1];
  if (image !== undefined && POSTS.some((p) => p.id === image)) {
    return { name: 'post-image', method: 'GET', path, kind: 'image', respond: () => postImageResponse(image) };
  }
  return undefined;
}

/** The code of a short-link path (`/t/abc` → abc), or undefined for any other path. */
export function shortLinkCode(path: string): string | undefined {
  return path.startsWith(SHORT_LINK) ? path.slice(SHORT_LINK.length) : undefined;
}

// `/t/abc/` is normalised to `/t/abc` (as many link services do); a known code goes to its post.
function shortLink(code: string) {
  if (code.endsWith('/')) return movedPage(`${SHORT_LINK}${code.replace(/\/+$/, '')}`);
  const postId = SHORT_LINKS[code];
  return postId === undefined ? notFoundPage() : movedPage(`${STATUS}${postId}`);
}
