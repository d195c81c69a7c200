// The web front end's HTML pages, built from the same data the API serves.
import { POSTS, TRENDS, type Post } from './data.js';
import { htmlResponse, type TargetResponse } from './response.js';

/** Text made safe to put inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Every page shares the head (stylesheet, script) and header (logo, navigation). */
export function layout(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · upprobe target</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header><a href="/"><img src="/static/logo.svg" alt="logo" width="32" height="32"></a>
<nav><a href="/">Home</a> <a href="/explore">Explore</a></nav></header>
<main>
${main}
</main>
</body>
</html>
`;
}

// One post: author, text, its picture and a permalink to its status page.
function postHtml(post: Post): string {
  return (
    `<article class="post" id="post-${post.id}"><span class="author">@${escapeHtml(post.author)}</span> ` +
    `<p>${escapeHtml(post.text)}</p><img src="/static/img/${post.id}.svg" alt="" width="120" height="80">` +
    `<small>${post.likes} likes · <a href="/status/${post.id}">permalink</a></small></article>`
  );
}

/** GET /: the home timeline. */
export function homePage(): TargetResponse {
  return htmlResponse(200, layout('Home', `<h1>Home</h1>\n${POSTS.map(postHtml).join('\n')}`));
}

/** GET /status/<id>: one post, where short links and permalinks lead. */
export function statusPage(post: Post): TargetResponse {
  return htmlResponse(200, layout(`@${post.author}`, postHtml(post)));
}

/** A permanent redirect, with the small HTML body servers send along. */
export function movedPage(location: string): TargetResponse {
  const body = `<!doctype html>\n<html><head><title>301 Moved Permanently</title></head>\n<body><a href="${escapeHtml(location)}">Moved</a></body></html>\n`;
  return { ...htmlResponse(301, body), headers: { location } };
}

/** GET /explore: trending topics. */
export function explorePage(): TargetResponse {
  const trends = TRENDS.map((trend) => `<li>${escapeHtml(trend)}</li>`).join('\n');
  return htmlResponse(200, layout('Explore', `<h1>Explore</h1>\n<ul class="trends">\n${trends}\n</ul>`));
}

/** The web front end's 404 page. */
export function notFoundPage(): TargetResponse {
  return htmlResponse(404, layout('Not found', '<h1>Not found</h1>\n<p><a href="/">Back home</a></p>'));
}

/** A page path asked for with a method it does not take. */
export function methodNotAllowedPage(): TargetResponse {
  return htmlResponse(405, layout('Method not allowed', '<h1>Method not allowed</h1>'));
}

/** What a reverse proxy answers when the page renderer behind it is down. */
export function badGatewayPage(): TargetResponse {
  return htmlResponse(502, '<!doctype html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1></body></html>\n');
}

/** What a crashed application server answers (the login service in login-broken). */
export function serverErrorPage(): TargetResponse {
  return htmlResponse(500, '<!doctype html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1></body></html>\n');
}
