// Two projects, both run by `npm test` (CONTRIBUTING.md, "Tests"):
// - unit: in-process specs against real loopback servers; fast, run on every save.
// - e2e: specs that spawn bin/upprobe.js (the built CLI), hostile servers, the demo, the bench smoke
//   run, and the specs that drive Chromium, dependency-cruiser, Prometheus, the Pushgateway,
//   promtool or kubectl.
// `npx vitest run --project unit` runs one of them.
import { configDefaults, defineConfig } from 'vitest/config';
import SlowestFirst from './test/helpers/slowest-first.js';

/**
 * The e2e project: spec folders whose files spawn the built CLI or misbehave at scale, and the
 * files that drive another program (Chromium for the HTML report, dependency-cruiser on fixtures,
 * Prometheus and the Pushgateway for the pushes, promtool and kubectl for deploy/).
 */
const E2E = [
  'test/cli/**/*.test.ts',
  'test/hostile/**/*.test.ts',
  'test/bench/**/*.test.ts',
  'test/report/html.test.ts',
  'test/architecture.test.ts',
  'test/deploy/**/*.test.ts',
  'test/sinks/pushgateway.test.ts',
  'test/sinks/remote-write.test.ts',
];

// The test workers are Node processes started from this one: the machine's NODE_EXTRA_CA_CERTS
// (a CI image may set one) would cost each ~50 ms at start, and no test server is signed by it.
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker. Most specs wait on sockets and child processes,
    // not on the CPU, so three files at a time overlap their waiting; the specs that assert a
    // deadline allow for a busy machine (test/hostile/helpers.ts, MARGIN_MS).
    maxWorkers: 3,
    minWorkers: 1,
    sequence: { sequencer: SlowestFirst },
    // The unit project shares one module cache per worker (isolate: false): its specs keep no
    // module state between files, and importing src/ once per worker instead of once per file
    // saves ~10 s of CPU on this 2-core machine.
    projects: [
      { extends: true, test: { name: 'unit', isolate: false, include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: [...configDefaults.exclude, ...E2E] } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
