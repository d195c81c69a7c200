// The route table: which method and path map to which answer, and which part of the product it is.
import { apiError, healthResponse, notificationsResponse, timelineResponse } from './api.js';
import { cssResponse, logoResponse, scriptResponse } from './assets.js';
import { createSession, loginPage, meResponse, signedInHome } from './login.js';
import { explorePage, homePage, methodNotAllowedPage, notFoundPage } from './pages.js';
import { linkRoute } from './link-routes.js';
import type { TargetResponse } from './response.js';
import type { Route } from './route.js';

/** Every route the target serves. Adding one is one line here. */
export const ROUTES: readonly Route[] = [
  { name: 'home', method: 'GET', path: '/', kind: 'page', respond: homePage },
  { name: 'explore', method: 'GET', path: '/explore', kind: 'page', respond: explorePage },
  { name: 'app-css', method: 'GET', path: '/static/app.css', kind: 'asset', respond: cssResponse },
  { name: 'app-js', method: 'GET', path: '/static/app.js', kind: 'asset', respond: scriptResponse },
  { name: 'logo', method: 'GET', path: '/static/logo.svg', kind: 'image', respond: logoResponse },
  { name: 'api-health', method: 'GET', path: '/api/health', kind: 'api', respond: healthResponse },
  { name: 'api-timeline', method: 'GET', path: '/api/timeline', kind: 'api', respond: timelineResponse },
  { name: 'api-notifications', method: 'GET', path: '/api/notifications', kind: 'api', respond: notificationsResponse },
  { name: 'login', method: 'GET', path: '/login', kind: 'auth', respond: loginPage },
  { name: 'session', method: 'POST', path: '/session', kind: 'auth', respond: createSession },
  { name: 'signed-in-home', method: 'GET', path: '/home', kind: 'auth', respond: signedInHome },
  { name: 'api-me', method: 'GET', path: '/api/me', kind: 'auth', respond: meResponse },
];

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

// Paths nobody routes: JSON under /api, the HTML 404 page elsewhere.
function notFoundRoute(path: string): Route {
  return isApiPath(path)
    ? { name: 'api-not-found', method: '*', path, kind: 'api', respond: () => apiError(404, 'not found') }
    : { name: 'not-found', method: '*', path, kind: 'page', respond: notFoundPage };
}

function methodNotAllowedRoute(path: string, allowed: readonly Route[]): Route {
  const methods = allowed.map((route) => route.method);
  const allow = [...new Set(methods.includes('GET') ? [...methods, 'HEAD'] : methods)].join(', ');
  const api = isApiPath(path);
  const respond = (): TargetResponse => {
    const response = api ? apiError(405, 'method not allowed') : methodNotAllowedPage();
    return { ...response, headers: { allow } };
  };
  return { name: 'method-not-allowed', method: '*', path, kind: api ? 'api' : 'page', respond };
}

/** The route for a request; HEAD is served as GET without a body, and misses get a 404 or 405 route. */
export function findRoute(method: string, path: string): Route {
  const lookup = method === 'HEAD' ? 'GET' : method;
  const parameterised = linkRoute(path);
  const samePath = parameterised ? [parameterised] : ROUTES.filter((route) => route.path === path);
  const match = samePath.find((route) => route.method === lookup);
  if (match) return match;
  return samePath.length > 0 ? methodNotAllowedRoute(path, samePath) : notFoundRoute(path);
}
