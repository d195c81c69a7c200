// Programs from Debian that some tests run (promtool, prometheus, kubectl, …). A test that needs
// one FAILS in CI (CI=true), where .ci/run installs them, and elsewhere skips with a visible message.
import { spawnSync } from 'node:child_process';

/** Whether `program --version` (or `program ...versionArgs`) runs. */
export function hasProgram(program: string, versionArgs = ['--version']): boolean {
  return spawnSync(program, versionArgs, { stdio: 'ignore' }).status === 0;
}

/**
 * True when the tests needing `program` should be skipped: it is missing and this is not CI.
 * Says so on stderr, so a skip is never silent. In CI (CI=true) it returns false even when the
 * program is missing, and the test fails on starting it, naming the package to install.
 */
export function skipWithout(program: string, pkg = program, versionArgs = ['--version']): boolean {
  if (hasProgram(program, versionArgs)) return false;
  if (process.env.CI === 'true') return false;
  console.warn(`SKIPPED: ${program} is not installed (apt-get install ${pkg}); the tests that need it did not run`);
  return true;
}
