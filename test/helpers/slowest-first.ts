// The order `npm test` starts spec files in. Vitest starts the files that took longest last time
// first, from a cache a fresh clone does not have; without it, it starts the largest files first,
// and the slowest specs are small files (a demo run per scenario, the bench smoke run) that then
// start last and run alone at the end: ~10 s more on two cores. So: these first, slowest at the
// top (measured with `npx vitest run --reporter=verbose`), then vitest's own order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST = [
  'test/bench/quick.test.ts',
  'test/target/diagnosis-scenarios-',
  'test/cli/init.test.ts',
  'test/cli/notify.test.ts',
  'test/cli/demo.test.ts',
  'test/hostile/secrets.test.ts',
  'test/cli/watch.test.ts',
  'test/hostile/reports.test.ts',
  'test/cli/reports.test.ts',
  'test/hostile/scale.test.ts',
  'test/hostile/config-fuzz.test.ts',
];

function rank(spec: TestSpecification): number {
  const at = SLOWEST.findIndex((path) => spec.moduleId.includes(path));
  return at === -1 ? SLOWEST.length : at;
}

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    return ordered.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}
