// `kind: links`: every link is one sample, requested as a browser would (GET, every redirect hop
// followed and timed); `expect` applies to the end of each chain. With `fromPage`, the page is
// loaded first (it is not a sample: if it fails, the probe fails with the page's class) and its
// links are checked after it, at most `hostConcurrency` per host at once.
import { ConnectionPool } from '../../http/connections.js';
import { Interrupted } from '../../model/interrupted.js';
import { fetchFollowingRedirects, type FetchRequest } from '../../http/redirects.js';
import type { Failure, SampleFailure } from '../../model/failure.js';
import type { CheckedLink } from '../../model/links.js';
import { roundMs } from '../../model/timings.js';
import type { SampleAnswer, SampleOutcome } from '../../model/sample.js';
import { originBoundHeaders, withoutHeaders } from '../../secrets/origin-bound.js';
import { checkExpiry, checkFinalUrl, checkLatency, checkResponse } from '../expect.js';
import { connectionOptionsOf } from '../request.js';
import { extractReferences } from './html-links.js';
import { collectLinks, interleaveByHost, type LoadedPage } from './link-list.js';
import type { PlannedTask, ProbeFindings, ProbePlan, ProbeRunner, RunContext } from '../runner.js';
import type { LinkElement, LinksProbe } from './schema.js';

/**
 * How much of a link's body is read: the status is what counts, and a 5 MB image must not cost
 * 5 MB. The connection is dropped after that many bytes (and never counted as a failure).
 */
export const LINK_BODY_BYTES = 16 * 1024;

/** Marks the page's failure in errors and tables: it is the probe's page, not one of its links. */
export const PAGE_STEP = 'page';

/** Plans a links probe: the page first (inside the plan, by the worker that asks), then one host-limited task per link. */
export const linksRunner: ProbeRunner<LinksProbe> = {
  plan(probe: LinksProbe, ctx: RunContext): ProbePlan {
    const options = connectionOptionsOf(probe, ctx.lookup);
    const shared = probe.reuseConnections ? new ConnectionPool(options) : null;
    const findings: ProbeFindings = {};
    const withPool = async <T>(use: (pool: ConnectionPool) => Promise<T>): Promise<T> => {
      const pool = shared ?? new ConnectionPool(options);
      try {
        return await use(pool);
      } finally {
        if (!shared) await pool.close();
      }
    };

    async function* samples(): AsyncGenerator<PlannedTask> {
      let page: LoadedPage | null = null;
      const { fromPage } = probe.links;
      if (fromPage) {
        let loaded: LoadedPage | PageFailure;
        try {
          loaded = await withPool((pool) => loadPage(probe, fromPage.url, fromPage.select, pool, ctx));
        } catch (err) {
          if (err instanceof Interrupted) return;
          throw err;
        }
        if ('failure' in loaded) {
          findings.failure = loaded.failure;
          if (loaded.answer) findings.answer = loaded.answer;
        }
        else page = loaded;
      }
      const { links, counts } = collectLinks(probe.links.urls, page, probe.links.limit);
      // Every link checked, keyed by URL: a retried link is listed once, as it last ended.
      const checked = new Map<string, CheckedLink>();
      findings.kindData = {
        kind: 'links',
        links: { page: page?.url.href ?? fromPage?.url ?? null, ...counts },
        get checked() {
          return [...checked.values()];
        },
      };
      // Credentials, Basic authentication and secret-holding headers were written for the page's
      // origin: a link to another origin (any <img src> on the page) is requested without them.
      // Without a page, each listed url was named on purpose and gets them.
      const home = fromPage ? new URL(fromPage.url).origin : null;
      for (const url of interleaveByHost(links)) {
        const ownOrigin = home === null || url.origin === home;
        yield {
          host: url.host,
          limit: probe.hostConcurrency,
          run: () =>
            withPool(async (pool) => {
              const outcome = await checkLink(probe, url, ownOrigin, pool, ctx);
              checked.set(url.href, outcome.checked);
              return outcome.sample;
            }),
        };
      }
    }

    return {
      samples: samples(),
      close: async () => shared?.close(),
      // One error per failing link, plus the page's.
      maxErrorGroups: probe.links.limit + 1,
      // Read once, after the samples: as plain data, since the getter above keeps this scope (the page) alive.
      findings: () => (findings.kindData ? { ...findings, kindData: { ...findings.kindData } } : findings),
    };
  },
};

/**
 * The request for the page or a link. `ownOrigin` false (a link to another origin than the page's):
 * without origin-bound headers (secrets/origin-bound.ts) and without Basic authentication.
 */
function linkRequest(probe: LinksProbe, url: URL, maxBodySize: number, ctx: RunContext, ownOrigin = true): FetchRequest {
  const { decompress, basicAuth } = probe.reach;
  const bound = originBoundHeaders(probe.headers, ctx.redact ?? ((text) => text));
  return {
    url,
    method: 'GET',
    headers: ownOrigin ? probe.headers : withoutHeaders(probe.headers, bound),
    followRedirects: true,
    maxRedirects: probe.maxRedirects,
    maxBodySize,
    timeoutMs: probe.timeoutMs,
    originBound: bound,
    decompress,
    ...(basicAuth && ownOrigin && { basicAuth }),
  };
}

/** The page did not load: its failure, and its answer when one came. */
interface PageFailure {
  failure: SampleFailure;
  answer?: SampleAnswer;
}

/** Loads the page and reads its references; the page's own failure (with its chain) otherwise. */
async function loadPage(probe: LinksProbe, pageUrl: string, select: readonly LinkElement[], pool: ConnectionPool, ctx: RunContext): Promise<LoadedPage | PageFailure> {
  const requested = new URL(pageUrl);
  const result = await fetchFollowingRedirects(pool, linkRequest(probe, requested, probe.maxBodySize, ctx), {}, ctx.interrupt);
  const failed = (failure: Failure): SampleFailure => ({ failure, url: requested.href, step: PAGE_STEP, hops: result.hops });
  if (!result.ok) {
    const { failure } = result;
    // Said as what it is: the page is bigger than the limit a person can raise, named.
    if (failure.class === 'protocol' && (failure.reason === 'body-too-large' || failure.reason === 'decoded-too-large')) {
      return { failure: failed({ ...failure, limitField: 'links.fromPage.maxBodySize' }) };
    }
    return { failure: failed(failure) };
  }
  // The page must load (2xx after redirects); the probe's `expect` is for its links.
  const failure = checkResponse({}, result.response, true, ctx.redact);
  if (failure) return { failure: failed(failure), answer: result.response };
  return { url: result.url, requested, ...extractReferences(result.response.body.toString('utf8'), select) };
}

/** One link: its whole redirect chain, checked at the end (a failure carries every hop), and its line in `checked`. */
async function checkLink(probe: LinksProbe, url: URL, ownOrigin: boolean, pool: ConnectionPool, ctx: RunContext): Promise<{ sample: SampleOutcome; checked: CheckedLink }> {
  const request = { ...linkRequest(probe, url, LINK_BODY_BYTES, ctx, ownOrigin), truncateBody: true };
  const result = await fetchFollowingRedirects(pool, request, {}, ctx.interrupt);
  const failed = (failure: Failure): SampleFailure => ({ failure, url: url.href, step: null, hops: result.hops });
  const { httpVersion, tls } = result;
  const line = (failure: SampleFailure | null): CheckedLink => {
    const last = result.hops.at(-1);
    return {
      url: url.href,
      status: last?.status ?? null,
      ms: roundMs(result.ms),
      ...(last && last.url !== url.href ? { finalUrl: last.url } : {}),
      ...(failure ? { class: failure.failure.class } : {}),
    };
  };
  if (!result.ok) {
    const failure = failed(result.failure);
    return { sample: { latencyMs: null, phases: result.timings, failure, httpVersion, tls }, checked: line(failure) };
  }
  const problem =
    checkExpiry(probe.expect, tls) ??
    checkResponse(probe.expect, result.response, true, ctx.redact) ??
    checkFinalUrl(probe.expect, result.url, ctx.redact) ??
    checkLatency(probe.expect, result.ms);
  const failure = problem ? failed(problem) : null;
  return { sample: { latencyMs: result.ms, phases: result.timings, failure, httpVersion, tls, answer: result.response }, checked: line(failure) };
}
