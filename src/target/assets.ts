// The web front end's static files: small but real, so link probes see correct content types.
import { CONTENT_TYPES, type TargetResponse } from './response.js';

const APP_CSS = `body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: center; }
.post { border-bottom: 1px solid #ddd; padding: 0.75rem 0; }
.author { font-weight: bold; }
`;

const APP_JS = `// Marks the page as loaded, so a browser check can tell the script ran.
document.documentElement.dataset.loaded = 'true';
`;

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<circle cx="16" cy="16" r="14" fill="#1d9bf0"/><path d="M9 17l5 5 9-11" stroke="#fff" stroke-width="3" fill="none"/>
</svg>
`;

/** GET /static/app.css */
export function cssResponse(): TargetResponse {
  return { status: 200, contentType: CONTENT_TYPES.css, body: APP_CSS };
}

/** GET /static/app.js */
export function scriptResponse(): TargetResponse {
  return { status: 200, contentType: CONTENT_TYPES.js, body: APP_JS };
}

/** GET /static/logo.svg */
export function logoResponse(): TargetResponse {
  return { status: 200, contentType: CONTENT_TYPES.svg, body: LOGO_SVG };
}

/** GET /static/img/<post id>.svg: the picture attached to a post. */
export function postImageResponse(postId: string): TargetResponse {
  const hue = (Number(postId) * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
<rect width="120" height="80" fill="hsl(${hue}, 60%, 70%)"/><text x="60" y="46" font-size="16" text-anchor="middle">#${postId}</text>
</svg>
`;
  return { status: 200, contentType: CONTENT_TYPES.svg, body: svg };
}
