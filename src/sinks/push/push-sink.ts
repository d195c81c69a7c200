// The `run --push-gateway URL` and `run --remote-write URL` sinks: the run's `--prom` metrics, sent
// after the other outputs. A failed push is a failed delivery (named on stderr, exit 2); the
// report's own exitCode stays the probes' verdict.
import { REPORTERS } from '../../report/registry.js';
import { DeliveryFailed, SinkUnusable, type Sink, type SinkOption, type SinkSource } from '../sink.js';
import type { PushOptions, PushOutcome } from './send.js';
import { bearerTokenFromEnv, displayUrl, pushTarget } from './target.js';

/**
 * A push gives up after this long: upprobe's default request timeout. A run ends soon after its
 * probes, however slow or silent the push target (a CronJob's deadline stays the probes' own).
 */
export const PUSH_TIMEOUT_MS = 10_000;

type Push = (url: string, vantage: string, promText: string, options: PushOptions) => Promise<PushOutcome>;

/**
 * Each transport is loaded when a run pushes: the sinks are listed on every run, and remote write
 * brings protobufjs and snappyjs with it.
 */
const PUSHES = {
  'push-gateway': async () => (await import('./pushgateway.js')).pushToGateway,
  'remote-write': async (): Promise<Push> => {
    const { remoteWrite } = await import('./remote-write.js');
    return (url, _vantage, promText, options) => remoteWrite(url, promText, options);
  },
} satisfies Record<string, () => Promise<Push>>;

export interface PushSinkSpec {
  source: SinkSource & { flag: keyof typeof PUSHES };
  description: string;
}

/** A registry entry for a push; the URL is checked before anything is probed. */
export function pushSink(spec: PushSinkSpec): SinkOption {
  const loadPush = PUSHES[spec.source.flag];
  return {
    source: spec.source,
    description: spec.description,
    create(value, origin): Sink {
      const url = value === true ? '' : value;
      const target = pushTarget(url);
      // Never the URL as given: it may carry user:password@.
      const shown = 'error' in target ? '(unusable URL)' : displayUrl(target.url);
      return {
        origin,
        target: shown,
        key: null,
        usesStdout: false,
        carriesHistograms: false,
        check: () => {
          if ('error' in target) throw new SinkUnusable(`${origin}: ${target.error}`);
        },
        async deliver(result, { redact, render }) {
          const reporter = await REPORTERS.prom();
          // `previous: null`: a pushed group or series holds this run only, counters included.
          const promText = redact(reporter.render(result, { ...render, color: false, previous: null }));
          const push = await loadPush();
          const outcome = await push(url, result.vantage ?? '', promText, { timeoutMs: PUSH_TIMEOUT_MS, bearerToken: bearerTokenFromEnv() });
          if (!outcome.ok) throw new DeliveryFailed(outcome.message);
        },
      };
    },
  };
}
