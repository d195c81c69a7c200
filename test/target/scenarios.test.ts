import { describe, expect, it } from 'vitest';
import { SCENARIOS, SCENARIO_DESCRIPTIONS, SCENARIO_HEADER, isScenario, type RunningTarget } from '../../src/target/server.js';
import { sleep, useTarget } from './use-target.js';

const start = useTarget();

// Fires `count` requests at once, so arrival order is up to the network, and counts the 503s.
async function count503s(target: RunningTarget, path: string, count: number): Promise<number> {
  const statuses = await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(target.url + path);
      await response.arrayBuffer();
      return response.status;
    }),
  );
  return statuses.filter((status) => status === 503).length;
}

describe('scenario names', () => {
  it('isScenario accepts the listed names only', () => {
    for (const name of SCENARIOS) expect(isScenario(name)).toBe(true);
    expect(isScenario('nope')).toBe(false);
    expect(isScenario('')).toBe(false);
  });

  it('every scenario has a one-line description', () => {
    for (const name of SCENARIOS) expect(SCENARIO_DESCRIPTIONS[name]).toMatch(/^[^\n]+$/);
    expect(SCENARIO_DESCRIPTIONS['app-outage']).toContain('60%');
  });
});

describe('app-outage', () => {
  it('fails about 60% of API requests, the same number for the same seed', async () => {
    const first = await count503s(await start({ scenario: 'app-outage', seed: 42 }), '/api/timeline', 100);
    const second = await count503s(await start({ scenario: 'app-outage', seed: 42 }), '/api/timeline', 100);
    expect(first).toBeGreaterThanOrEqual(45);
    expect(first).toBeLessThanOrEqual(75);
    expect(second).toBe(first);
  });

  it('uses a default seed, so two default targets agree too', async () => {
    const first = await count503s(await start({ scenario: 'app-outage' }), '/api/health', 50);
    const second = await count503s(await start({ scenario: 'app-outage' }), '/api/health', 50);
    expect(second).toBe(first);
  });

  it('answers 503 with a JSON error and the scenario header', async () => {
    const target = await start({ scenario: 'app-outage' });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await fetch(`${target.url}/api/timeline`);
      if (response.status !== 503) {
        await response.arrayBuffer();
        continue;
      }
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get(SCENARIO_HEADER)).toBe('app-outage');
      expect(await response.json()).toEqual({ error: 'service unavailable' });
      return;
    }
    throw new Error('no 503 in 20 requests');
  });

  it('leaves web pages and assets healthy', async () => {
    const target = await start({ scenario: 'app-outage' });
    for (const path of ['/', '/explore', '/static/app.css', '/static/logo.svg', '/', '/']) {
      const response = await fetch(target.url + path);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
    }
  });
});

describe('web-outage', () => {
  it('pages answer 502 while the API and assets answer 200', async () => {
    const target = await start({ scenario: 'web-outage' });
    const home = await fetch(`${target.url}/`);
    expect(home.status).toBe(502);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('Bad Gateway');
    expect((await fetch(`${target.url}/explore`)).status).toBe(502);
    expect((await fetch(`${target.url}/api/timeline`)).status).toBe(200);
    expect((await fetch(`${target.url}/static/app.css`)).status).toBe(200);
  });
});

describe('slow', () => {
  it('delays every response past 1000 ms', async () => {
    const target = await start({ scenario: 'slow' });
    const startedAt = performance.now();
    const response = await fetch(`${target.url}/api/health`);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(response.headers.get(SCENARIO_HEADER)).toBe('slow');
  });

  it('close() cuts a delayed response off promptly', async () => {
    const target = await start({ scenario: 'slow' });
    const request = fetch(`${target.url}/`).then(
      () => 'answered',
      () => 'failed',
    );
    await sleep(100);
    await target.close();
    // Cut off, not answered: close() did not wait out the 1.2 s delay.
    expect(await request).toBe('failed');
  });
});

describe('hang', () => {
  it('never answers, and close() still resolves', async () => {
    const target = await start({ scenario: 'hang' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    const outcome = await fetch(`${target.url}/api/health`, { signal: controller.signal }).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : 'failed'),
    );
    clearTimeout(timer);
    expect(outcome).toBe('AbortError');

    const pending = fetch(`${target.url}/`).catch(() => undefined); // still hung while we close
    await sleep(50);
    await target.close(); // a close() that waited for the hung request would never resolve
    await pending;
  });
});
