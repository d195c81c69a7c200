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
    expect(calls).toEqual(['a', 'c']);
  });

  it('keeps signals apart', () => {
    const [one, two] = [new AbortController(), new AbortController()];
    let called = 0;
    onAbort(one.signal, () => called++);
    onAbort(two.signal, () => (called += 10));
    two.abort();
    expect(called).toBe(10);
  });

  it('a watcher that unwatches another during the abort does not break the rest', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    let unwatchSecond: () => void = () => undefined;
    onAbort(controller.signal, () => {
      calls.push(1);
      unwatchSecond();
    });
    unwatchSecond = onAbort(controller.signal, () => calls.push(2));
    onAbort(controller.signal, () => calls.push(3));
    controller.abort();
    expect(calls).toEqual([1, 3]);
  });
});
