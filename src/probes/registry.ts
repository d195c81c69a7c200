// Adding a probe kind: write its runner module, then add one line here.
import { flowRunner } from './flow.js';
import { httpRunner } from './http.js';
import { linksRunner } from './links.js';
import type { RunnerRegistry } from './runner.js';

export const runners: RunnerRegistry = {
  http: httpRunner,
  links: linksRunner,
  flow: flowRunner,
};
