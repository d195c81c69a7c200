// Fake setTimeout/clearTimeout only, so the count is exactly the target's delayed answers.
import { once } from 'node:events';
import { request } from 'node:http';
import { afterEach, expect, it, vi } from 'vitest';
import { startTarget } from '../../src/target/server.js';

afterEach(() => {
  vi.useRealTimers();
});

it('close() cancels the timers of delayed answers', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const target = await startTarget({ scenario: 'slow' });
  try {
    const pending = request(`${target.url}/api/timeline`, { agent: false });
    const failed = once(pending, 'error');
    pending.end();
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
    await target.close();
    expect(vi.getTimerCount()).toBe(0);
    await failed;
  } finally {
    await target.close();
  }
});

it('a client that gives up cancels the timer of its delayed answer', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const target = await startTarget({ scenario: 'slow' });
  try {
    const pending = request(`${target.url}/api/timeline`, { agent: false });
    pending.on('error', () => undefined);
    pending.end();
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
    pending.destroy();
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(0));
  } finally {
    await target.close();
  }
});
