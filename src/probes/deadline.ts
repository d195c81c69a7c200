// Waits for one event-driven outcome, a deadline, or the run's interruption, whichever comes first,
// and cleans up exactly once: the network code of the dns and tcp kinds has no other way to stop.
import { Interrupted } from '../model/interrupted.js';

/**
 * Hands `settle` to `start`, which returns its cleanup; the first settlement wins. An interrupted
 * run rejects with `Interrupted`, as every sample does (the scheduler drops it).
 */
export function untilDeadline<T>(
  start: (settle: (outcome: T) => void) => () => void,
  options: { deadline: number; signal?: AbortSignal | undefined; onDeadline: () => T },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let cleanup: (() => void) | undefined;
    const end = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      try {
        cleanup?.();
      } catch {
        // already closed
      }
      finish();
    };
    const onAbort = () => end(() => reject(new Interrupted()));
    const timer = setTimeout(() => end(() => resolve(options.onDeadline())), Math.max(0, options.deadline - performance.now()));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const dispose = start((outcome) => end(() => resolve(outcome)));
      if (settled) dispose();
      else cleanup = dispose;
    } catch (err) {
      end(() => reject(err instanceof Error ? err : new Error(String(err))));
    }
  });
}
