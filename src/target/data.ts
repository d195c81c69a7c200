// The demo content: fixed posts, notifications and trends, so every run serves the same bytes.

/** One post on the timeline, shared by the JSON API and the HTML home page. */
export interface Post {
  id: string;
  author: string;
  text: string;
  createdAt: string;
  likes: number;
}

/** The home timeline, newest first. */
export const POSTS: readonly Post[] = [
  { id: '1003', author: 'ada', text: 'Shipped the new probe runner. p95 down to 40 ms.', createdAt: '2026-03-10T09:58:00.000Z', likes: 12 },
  { id: '1002', author: 'grace', text: 'Is it the app or the website? Check the surface table.', createdAt: '2026-03-10T09:41:00.000Z', likes: 7 },
  { id: '1001', author: 'linus', text: 'Uptime is a feature & latency is a bug.', createdAt: '2026-03-10T09:12:00.000Z', likes: 3 },
];

/** A notification for the signed-in demo user. */
export interface Notification {
  id: string;
  kind: 'like' | 'reply' | 'follow';
  from: string;
  read: boolean;
}

/** The notification list; the API reports how many are unread. */
export const NOTIFICATIONS: readonly Notification[] = [
  { id: 'n3', kind: 'like', from: 'grace', read: false },
  { id: 'n2', kind: 'reply', from: 'ada', read: false },
  { id: 'n1', kind: 'follow', from: 'linus', read: true },
];

/** Topics shown on the explore page. */
export const TRENDS: readonly string[] = ['#uptime', '#latency', '#observability'];

/** Short links (`/t/<code>`) as shared in posts and mails: code → post id. */
export const SHORT_LINKS: Readonly<Record<string, string>> = { abc: '1001', def: '1002', ghi: '1003', jkl: '1001', mno: '1002' };
