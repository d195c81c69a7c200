// What a route of the built-in target is: the routes table (routes.ts) and the link routes share it.
import type { TargetRequest, TargetResponse } from './response.js';

/**
 * Which part of the product a route belongs to; scenarios break one part and spare the rest.
 * `auth` is the sign-in service (its pages and /api/me), which real sites often run on its own.
 */
export type RouteKind = 'page' | 'asset' | 'image' | 'api' | 'auth';

/** One route; `name` keys the per-route request counter that makes scenarios repeatable. */
export interface Route {
  name: string;
  method: string;
  path: string;
  kind: RouteKind;
  respond(request: TargetRequest): TargetResponse;
}
