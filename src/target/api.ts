// The App API: JSON answers for the routes a mobile app would call.
import { NOTIFICATIONS, POSTS } from './data.js';
import { jsonResponse, type TargetResponse } from './response.js';

/** GET /api/health: the liveness check load balancers poll. */
export function healthResponse(): TargetResponse {
  return jsonResponse(200, { status: 'ok' });
}

/** GET /api/timeline: the posts a user's home feed shows. */
export function timelineResponse(): TargetResponse {
  return jsonResponse(200, { status: 'ok', items: POSTS });
}

/** GET /api/notifications: the unread count plus the list. */
export function notificationsResponse(): TargetResponse {
  const unread = NOTIFICATIONS.filter((notification) => !notification.read).length;
  return jsonResponse(200, { status: 'ok', unread, items: NOTIFICATIONS });
}

/** Every API error has the same shape, `{ "error": "..." }`, so probes can assert on it. */
export function apiError(status: number, message: string): TargetResponse {
  return jsonResponse(status, { error: message });
}
