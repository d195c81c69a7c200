// From the command line to sinks, and from a result to every sink: the two moments a run's
// outputs are handled, before probing and after.
import type { RunResult } from '../model/result.js';
import { SINKS } from './registry.js';
import { DeliveryFailed, SinkUnusable, type DeliverContext, type Sink, type SinkSetup } from './sink.js';

/** A run that reads no probes file settings and delivers once. */
const NO_SETUP: Omit<SinkSetup, 'record'> = { notify: null, repeated: false };

/**
 * The sinks asked for by flags and the environment, each checked usable (else SinkUnusable,
 * which the CLI turns into exit 2 before anything is probed).
 */
export function selectSinks(flags: object, env: Record<string, string | undefined>, given: Omit<SinkSetup, 'record'> = NO_SETUP): Sink[] {
  const values = flags as Record<string, unknown>;
  const setup: SinkSetup = { ...given, record: typeof values.record === 'string' ? values.record : null };
  const sinks: Sink[] = [];
  for (const option of SINKS) {
    if ('env' in option.source) {
      const value = env[option.source.env];
      if (value) sinks.push(option.create(value, option.source.env, setup));
      continue;
    }
    // Commander keeps `--push-gateway` as `pushGateway`.
    const value = values[camelCase(option.source.flag)];
    const fromFile = option.fromSetup?.(setup);
    if (value === true || typeof value === 'string') sinks.push(option.create(value, `--${option.source.flag}`, setup));
    else if (fromFile !== undefined) sinks.push(option.create(fromFile, `${option.source.flag}.url in the probes file`, setup));
  }
  const seen = new Map<string, string>();
  for (const sink of sinks) {
    if (sink.key !== null) {
      const other = seen.get(sink.key);
      if (other) throw new SinkUnusable(`${other} and ${sink.origin} both write ${sink.target}; give each report its own file`);
      seen.set(sink.key, sink.origin);
    }
    sink.check();
  }
  return sinks;
}

/**
 * Delivers the result to every sink. One that fails does not stop the others; the messages come
 * back so the caller can say so (the probes ran, but the job's output is incomplete).
 */
export async function deliverAll(result: RunResult, sinks: Sink[], ctx: DeliverContext): Promise<string[]> {
  const problems: string[] = [];
  for (const sink of sinks) {
    try {
      await sink.deliver(result, ctx);
    } catch (err) {
      if (err instanceof DeliveryFailed) problems.push(err.message);
      else problems.push(`cannot write ${sink.target}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
