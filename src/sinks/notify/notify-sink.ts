// `--notify URL` / `notify:`: a JSON POST when a surface changes state, with hysteresis (downAfter
// failing runs, upAfter passing ones). A message that could not be delivered is sent again at the
// next run: the state announced moves only when the receiver took the message.
import { NOTIFY_DEFAULTS } from '../../config/notify.js';
import { isFailing } from '../../analysis/surface-state.js';
import { SURFACES } from '../../model/surface.js';
import { DeliveryFailed, SinkUnusable, type Sink, type SinkOption } from '../sink.js';
import { notificationBody } from './message.js';
import { displayUrl, postJson } from './post.js';
import { memoryStore, recordStore } from './states.js';

export const notifySink: SinkOption = {
  source: { flag: 'notify', argument: '<url>' },
  description: 'POST a JSON message to url when a surface changes state (after 2 failing / 2 passing runs; `run` reads earlier runs from --record)',
  fromSetup: (setup) => setup.notify?.url ?? undefined,
  create(value, origin, setup): Sink {
    if (value === true) throw new SinkUnusable(`${origin} needs a URL`);
    const url = checkedUrl(value, origin);
    const settings = { ...NOTIFY_DEFAULTS, ...setup.notify, url };
    const options = { downAfter: settings.downAfter, upAfter: settings.upAfter };
    const store = setup.repeated ? memoryStore(options) : setup.record ? recordStore(setup.record, options) : null;
    const target = displayUrl(url);
    return {
      origin,
      target,
      key: null,
      usesStdout: false,
      carriesHistograms: false,
      ...(store === null && { warning: `${origin}: without --record a run cannot see earlier runs, so it can never notice a change; add --record <file> (or use upprobe watch)` }),
      check() {},
      async deliver(result, { redact }) {
        if (store === null) return;
        const memory = store.afterRun(result);
        const announced = { ...memory.announced };
        const failed: string[] = [];
        for (const surface of SURFACES) {
          const now = memory.confirmed[surface].confirmed;
          if (now === null) continue;
          const was = announced[surface];
          // The first state seen is not a change; degraded ↔ down moves silently.
          if (was === undefined || isFailing(was) === isFailing(now)) {
            announced[surface] = now;
            continue;
          }
          const body = notificationBody(result, surface, was, now);
          const masked = { ...body, text: redact(body.text), headline: body.headline && redact(body.headline), vantage: body.vantage && redact(body.vantage) };
          try {
            await postJson(url, masked, settings.headers, settings.timeoutMs);
            announced[surface] = now;
          } catch (err) {
            failed.push(`${surface} ${was} → ${now}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        try {
          memory.save(announced);
        } catch (err) {
          failed.push(`cannot write ${store.file}: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (failed.length > 0) throw new DeliveryFailed(redact(`notification to ${target} failed (${failed.join('; ')}); it is sent again at the next run`));
      },
    };
  },
};

function checkedUrl(value: string, origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new SinkUnusable(`${origin}: expected an absolute http or https URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SinkUnusable(`${origin}: expected an http or https URL`);
  return parsed.href;
}
