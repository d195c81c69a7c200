// The target's failure modes. Adding a scenario: its name in SCENARIOS (scenario-names.ts) and its
// entry in SCENARIO_BEHAVIOURS.
import { apiError } from './api.js';
import { edgeChallenge, edgeOriginDown, edgeRateLimited } from './edge.js';
import { shortLinkCode } from './link-routes.js';
import { badGatewayPage, movedPage, notFoundPage, serverErrorPage } from './pages.js';
import { unitHash } from './random.js';
import type { DnsRcode } from '../probes/dns/record-types.js';
import type { TargetResponse } from './response.js';
import type { Route } from './route.js';
import { SCENARIOS, type ScenarioName } from './scenario-names.js';

export { SCENARIOS, isScenario, type ScenarioName } from './scenario-names.js';

/** One request as a scenario sees it: the route, how many earlier requests it had, and the seed. */
export interface RequestHit {
  route: Route;
  /** 0 for the first request to this route, 1 for the second, … */
  index: number;
  seed: number;
}

/** How a scenario bends the healthy target; each hook is optional and defaults to "healthy". */
export interface ScenarioBehaviour {
  /** One line for --help. */
  description: string;
  /** Accept the request and never write anything back. */
  hang?: boolean;
  /** Milliseconds to wait before answering this request. */
  delayMs?(hit: RequestHit): number;
  /** A different answer for this request; undefined keeps the route's own. */
  override?(hit: RequestHit): TargetResponse | undefined;
  /** The App API's own address accepts no connection (nothing listens there). */
  refuseApi?: boolean;
  /** Days until the https listener's certificate expires (default HEALTHY_CERTIFICATE_DAYS). */
  certificateDaysLeft?: number;
  /** What the target's DNS responder answers for the App API's name instead of its address. */
  apiNameRcode?: DnsRcode;
}

/** Days left on the https listener's certificate when nothing is wrong with it. */
export const HEALTHY_CERTIFICATE_DAYS = 90;

/** Days left in cert-expiring: fewer than a typical `minDaysLeft: 14`. */
export const EXPIRING_CERTIFICATE_DAYS = 5;

/** Requests each App API route lets through in edge-rate-limit before the edge answers 429. */
export const RATE_LIMIT_BUDGET = 2;

/** Share of /api/* requests that fail in app-outage. */
export const APP_OUTAGE_FAILURE_SHARE = 0.6;

/** Delay of every answer in slow: above a typical `p95: 800ms` or `maxLatency` threshold. */
export const SLOW_DELAY_MS = 1200;

/**
 * What links-broken does to short links: `def` was lost (404), `mno` now leads to a deleted post
 * (301 → 404) and `ghi` loops (a rule adds a trailing slash, the normaliser strips it again).
 */
export const BROKEN_SHORT_LINKS = { lost: 'def', deletedPost: 'mno', looping: 'ghi' } as const;

function brokenShortLink(path: string): TargetResponse | undefined {
  switch (shortLinkCode(path)) {
    case BROKEN_SHORT_LINKS.lost:
      return notFoundPage();
    case BROKEN_SHORT_LINKS.deletedPost:
      return movedPage('/status/1004');
    case BROKEN_SHORT_LINKS.looping:
      return movedPage(`${path}/`);
    default:
      return undefined;
  }
}

/** What each scenario does; the Record type makes a scenario without an entry a compile error. */
export const SCENARIO_BEHAVIOURS: Record<ScenarioName, ScenarioBehaviour> = {
  healthy: {
    description: 'every route answers fast and correctly',
  },
  'app-outage': {
    description: `about ${APP_OUTAGE_FAILURE_SHARE * 100}% of App API requests (/api/* but /api/me) answer 503 (repeatable per seed); web pages, assets and sign-in stay healthy`,
    override: ({ route, index, seed }) =>
      route.kind === 'api' && unitHash(seed, route.name, index) < APP_OUTAGE_FAILURE_SHARE
        ? apiError(503, 'service unavailable')
        : undefined,
  },
  'web-outage': {
    description: 'HTML pages answer 502 Bad Gateway; the App API, static assets and the sign-in service stay healthy',
    override: ({ route }) => (route.kind === 'page' ? badGatewayPage() : undefined),
  },
  slow: {
    description: `every response is delayed ${SLOW_DELAY_MS} ms`,
    delayMs: () => SLOW_DELAY_MS,
  },
  hang: {
    description: 'accepts connections and never answers',
    hang: true,
  },
  'links-broken': {
    description: `short links break: /t/${BROKEN_SHORT_LINKS.lost} answers 404, /t/${BROKEN_SHORT_LINKS.deletedPost} leads to a deleted post (404), /t/${BROKEN_SHORT_LINKS.looping} loops; pages stay healthy`,
    override: ({ route }) => (route.name === 'short-link' ? brokenShortLink(route.path) : undefined),
  },
  'images-broken': {
    description: 'every image (the logo, post pictures) answers 404 while pages, scripts and the API stay healthy',
    override: ({ route }) => (route.kind === 'image' ? notFoundPage() : undefined),
  },
  'login-broken': {
    description: 'POST /session (signing in) answers 500; the login form, pages and the App API stay healthy',
    override: ({ route }) => (route.name === 'session' ? serverErrorPage() : undefined),
  },
  'login-slow': {
    description: `POST /session (signing in) answers after ${SLOW_DELAY_MS} ms; everything else stays fast`,
    delayMs: ({ route }) => (route.name === 'session' ? SLOW_DELAY_MS : 0),
  },
  'edge-challenge': {
    description: 'the edge answers every web request (pages, assets, sign-in) with a 403 bot challenge; the App API is exempt and stays healthy',
    override: ({ route }) => (route.kind === 'api' ? undefined : edgeChallenge()),
  },
  'edge-rate-limit': {
    description: `the edge lets ${RATE_LIMIT_BUDGET} requests through per App API route, then answers 429 with retry-after; the web stays healthy`,
    override: ({ route, index }) => (route.kind === 'api' && index >= RATE_LIMIT_BUDGET ? edgeRateLimited() : undefined),
  },
  'edge-origin-down': {
    description: 'the edge cannot connect to the origin: every request answers 521 from the edge',
    override: () => edgeOriginDown(),
  },
  'network-down': {
    description: "the App API's address accepts no connection (refused); the web front end stays healthy",
    refuseApi: true,
  },
  'dns-broken': {
    description: "the target's DNS responder answers SERVFAIL for the App API's name; the web's name and every answer stay healthy",
    apiNameRcode: 'SERVFAIL',
  },
  'cert-expiring': {
    description: `the https listener's certificate expires in ${EXPIRING_CERTIFICATE_DAYS} days; every answer stays healthy`,
    certificateDaysLeft: EXPIRING_CERTIFICATE_DAYS,
  },
};

/** One line per scenario, for --help. */
export const SCENARIO_DESCRIPTIONS = Object.fromEntries(
  SCENARIOS.map((name) => [name, SCENARIO_BEHAVIOURS[name].description]),
) as Record<ScenarioName, string>;
