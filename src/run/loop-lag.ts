// How late the event loop ran during a run. A response that arrives while the loop is busy is
// timestamped only when the loop gets to it, so lag inflates the latencies measured meanwhile:
// a report whose numbers may be distorted says so instead of passing them off as the server's.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TimingConfidence } from '../model/result.js';
import { roundMs } from '../model/timings.js';

/**
 * p99 lag (ms) above which a run's latencies are flagged as distorted. One sample in a hundred
 * may then be reported that much late: as large as the error allowed for a fast endpoint, and
 * far above what a calm machine shows (well under 1 ms).
 */
export const DISTORTING_LAG_MS = 10;

/** How often the loop is sampled; the histogram records whole intervals, so this is subtracted. */
const RESOLUTION_MS = 10;

/** Starts measuring the event loop's lag; `stop()` returns the figures for the report. */
export function watchEventLoop(): { stop(): TimingConfidence } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      const lag = (ns: number) => (histogram.count === 0 ? 0 : roundMs(Math.max(0, ns / 1e6 - RESOLUTION_MS)));
      const eventLoopDelayMs = { p50: lag(histogram.percentile(50)), p99: lag(histogram.percentile(99)), max: lag(histogram.max) };
      return { eventLoopDelayMs, distorted: eventLoopDelayMs.p99 > DISTORTING_LAG_MS };
    },
  };
}
