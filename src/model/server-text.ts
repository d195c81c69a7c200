// Text a server chose (bodies, status texts, header values) made safe to show a person: no control
// character reaches a terminal (an escape sequence could clear it, retitle it or hide the verdict),
// and a body shrinks to a short one-line excerpt of what a person would read on the page.

/** C0 and C1 controls (line breaks included: callers fold whitespace first) and bidi overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Every control character replaced by U+FFFD, so the text stays readable and inert. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '\uFFFD');
}

/** Characters of a body a failure keeps. */
export const EXCERPT_CHARS = 200;

/**
 * The start of a body as one line of at most EXCERPT_CHARS characters: an HTML page as its text
 * (tags, scripts and styles dropped), secrets masked by `redact` before anything is cut (half a
 * secret could not be recognised later), control characters replaced. Empty for an empty body.
 */
export function bodyExcerpt(body: Buffer, contentType: string | undefined, redact: (text: string) => string): string {
  if (body.length === 0) return '';
  // Decoding more than the excerpt needs costs time on a large page; 16 KiB of HTML holds 200 characters of text.
  let text = body.subarray(0, 16 * 1024).toString('utf8');
  if (contentType !== undefined && /html/i.test(contentType)) {
    text = text
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }
  const line = withoutControls(redact(text).replace(/\s+/g, ' ').trim());
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}
