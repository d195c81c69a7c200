// Hysteresis for notifications, and watch's bounded window of states.
import { describe, expect, it } from 'vitest';
import { ConfirmedState } from '../../src/analysis/confirmed-state.js';
import { StateWindow } from '../../src/analysis/state-window.js';
import { derivedState, type SurfaceState } from '../../src/analysis/surface-state.js';

function confirmedAfter(states: SurfaceState[], downAfter = 2, upAfter = 2, initial: SurfaceState | null = null): (SurfaceState | null)[] {
  const tracker = new ConfirmedState({ downAfter, upAfter }, initial);
  return states.map((s) => (tracker.add(s), tracker.confirmed));
}

describe('ConfirmedState', () => {
  it('takes the first state as it is, and changes only after downAfter failing / upAfter passing runs', () => {
    expect(confirmedAfter(['up', 'down', 'down', 'down', 'up', 'up'])).toEqual(['up', 'up', 'down', 'down', 'down', 'up']);
    expect(confirmedAfter(['down', 'up', 'up'])).toEqual(['down', 'down', 'up']);
  });

  it('counts degraded and down alike, follows moves between them, and ignores unprobed runs', () => {
    expect(confirmedAfter(['up', 'degraded', 'unprobed', 'down', 'degraded'])).toEqual(['up', 'up', 'up', 'down', 'degraded']);
  });

  it('announces nothing for a surface that flaps every run', () => {
    expect(confirmedAfter(['up', 'down', 'up', 'down', 'up', 'down'], 2, 2)).toEqual(['up', 'up', 'up', 'up', 'up', 'up']);
    expect(confirmedAfter(['down', 'up', 'down'], 2, 2, 'up')).toEqual(['up', 'up', 'up']);
  });

  it('with downAfter 1 the first failing run confirms', () => {
    expect(confirmedAfter(['up', 'degraded'], 1, 3)).toEqual(['up', 'degraded']);
  });
});

describe('derivedState', () => {
  it('follows SPEC: unprobed, down at 0.5, degraded when a probe failed, else up', () => {
    expect(derivedState({ probes: 0, failedProbes: 0, failureRate: 0 })).toBe('unprobed');
    expect(derivedState({ probes: 2, failedProbes: 1, failureRate: 0.5 })).toBe('down');
    expect(derivedState({ probes: 2, failedProbes: 1, failureRate: 0.1 })).toBe('degraded');
    expect(derivedState({ probes: 2, failedProbes: 0, failureRate: 0.01 })).toBe('up');
  });
});

describe('StateWindow', () => {
  const run = (apiRate: number) => ({
    summary: {
      surfaces: { api: { probes: 1, failedProbes: apiRate > 0 ? 1 : 0, failureRate: apiRate }, web: { probes: 0, failedProbes: 0, failureRate: 0 } },
    },
  });

  it('keeps at most its capacity of runs, and since when the state holds even after the change left the window', () => {
    const window = new StateWindow(10);
    window.add(run(0), new Date(1000));
    window.add(run(1), new Date(2000));
    for (let i = 3; i <= 5000; i++) window.add(run(1), new Date(i * 1000));
    expect(window.points('api')).toHaveLength(10);
    expect(window.runs).toBe(5000);
    expect(window.current('api')).toEqual({ state: 'down', since: new Date(2000) });
    expect(window.current('web')?.state).toBe('unprobed');
  });

  it('prefers the diagnosis state when a run has one', () => {
    const window = new StateWindow();
    window.add({ ...run(0.1), diagnosis: { headline: 'x', surfaces: { api: { state: 'down' } } } }, new Date(0));
    expect(window.current('api')?.state).toBe('down');
  });
});
