// From the command line to sinks, and from a result to every sink: the two moments a run's
// outputs are handled, before probing and after.
import type { RunResult } from '../model/result.js';
import { SINKS } from './registry.js';
import { SinkUnusable, type DeliverContext, type Sink } from './sink.js';

/**
 * The sinks asked for by flags and the environment, each checked usable (else SinkUnusable,
 * which the CLI turns into exit 2 before anything is probed).
 */
export function selectSinks(flags: object, env: Record<string, string | undefined>): Sink[] {
  const values = flags as Record<string, unknown>;
  const sinks: Sink[] = [];
  for (const option of SINKS) {
    if ('env' in option.source) {
      const value = env[option.source.env];
      if (value) sinks.push(option.create(value, option.source.env));
      continue;
    }
    const value = values[option.source.flag];
    if (value !== true && typeof value !== 'string') continue;
    sinks.push(option.create(value, `--${option.source.flag}`));
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
      problems.push(`cannot write ${sink.target}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}
