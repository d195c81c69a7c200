// The import rules of docs/ARCHITECTURE.md are enforced by dependency-cruiser in `npm run lint`
// (.dependency-cruiser.cjs). These tests show the rules bite: a fixture tree that breaks three of
// them fails with each rule named, and src/ as it is passes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
const CONFIG = fileURLToPath(new URL('../.dependency-cruiser.cjs', import.meta.url));

function cruise(cwd: string): { status: number | null; output: string } {
  // No colours: under CI=true dependency-cruiser's colour detection turns them on, and the
  // highlighted lines no longer contain the plain text matched below.
  const run = spawnSync(process.execPath, [CLI, 'src', '--config', CONFIG], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the import rules', () => {
  it('fail on a tree whose model reads a reporter, whose runner formats text and whose run/ has a cycle', () => {
    const { status, output } = cruise(fileURLToPath(new URL('fixtures/architecture/', import.meta.url)));
    expect(status).not.toBe(0);
    expect(output).toContain('model-is-the-ground-floor: src/model/result.ts → src/report/table.ts');
    expect(output).toContain('probes-and-run-never-print: src/probes/http/runner.ts → src/report/table.ts');
    expect(output).toMatch(/no-cycles: src\/run\/a\.ts →\s+src\/run\/b\.ts/);
  });

  // That src/ itself passes is `npm run lint`'s job (it runs before these tests in `npm test`).
});
