// Adding a probe kind: write its runner module, then add one line here.
//
// Each runner is imported when a run has a probe of its kind: a flow needs a cookie jar (with the
// public-suffix list) and a links probe an HTML parser, ~400 kB of JavaScript that a run of plain
// HTTP probes would otherwise compile at every start (README, "Performance").
import type { RunnerRegistry } from './runner.js';

export const runners: RunnerRegistry = {
  http: async () => (await import('./http.js')).httpRunner,
  links: async () => (await import('./links.js')).linksRunner,
  flow: async () => (await import('./flow.js')).flowRunner,
};
