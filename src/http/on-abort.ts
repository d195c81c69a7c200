// Watches an AbortSignal through one listener per signal. Every in-flight exchange watches the
// run's interrupt; an EventTarget listener added and removed per request cost ~2% of a run's CPU
// at thousands of samples a second, where a Set entry costs next to nothing.
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` once when `signal` aborts; returns the function that stops watching. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = watchers.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    signal.addEventListener('abort', () => {
      for (const call of created) call();
      created.clear();
    }, { once: true });
    watchers.set(signal, created);
    callbacks = created;
  }
  const watching = callbacks;
  watching.add(callback);
  return () => watching.delete(callback);
}
