// One listener per signal, however many exchanges watch it (src/http/on-abort.ts).
import { describe, expect, it } from 'vitest';
import { onAbort } from '../../src/http/on-abort.js';

describe('onAbort', () => {
  it('calls every watcher still watching, once, when the signal aborts', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push('a'));
    const unwatchB = onAbort(controller.signal, () => calls.push('b'));
    onAbort(controller.signal, () => calls.push('c'));
    unwatchB();
    controller.abort();
    controller.abort();
    expect(calls.sort()).toEqual(['a', 'c']);
  });

  it('keeps signals apart', () => {
    const [one, two] = [new AbortController(), new AbortController()];
    let called = 0;
    onAbort(one.signal, () => called++);
    onAbort(two.signal, () => (called += 10));
    two.abort();
    expect(called).toBe(10);
  });

  it('a watcher may stop watching, itself or another not yet called, while the abort calls them', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const unwatch: Record<string, () => void> = {};
    for (const name of ['a', 'b', 'c', 'd']) {
      unwatch[name] = onAbort(controller.signal, () => {
        calls.push(name);
        unwatch[name]!();
        // Whichever of b and c is called first stops the other.
        if (name === 'b') unwatch.c!();
        if (name === 'c') unwatch.b!();
      });
    }
    controller.abort();
    expect(calls).toHaveLength(3);
    expect(calls).toContain('a');
    expect(calls).toContain('d');
  });

  it('a watcher stopped before the abort is not called and can be stopped twice', () => {
    const controller = new AbortController();
    let called = false;
    const unwatch = onAbort(controller.signal, () => (called = true));
    unwatch();
    unwatch();
    onAbort(controller.signal, () => undefined)();
    controller.abort();
    expect(called).toBe(false);
  });
});
