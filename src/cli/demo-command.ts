// `upprobe demo`: the built-in target on a free loopback port, probed by the shipped probes.yaml.
import { fileURLToPath } from 'node:url';
import { isScenario, SCENARIOS, startTarget } from '../target/server.js';
import { UsageError } from './errors.js';
import { runFile, type RunFlags } from './run-command.js';

/** The probes.yaml at the package root, beside src/ and dist/. */
export const SHIPPED_PROBES = fileURLToPath(new URL('../../probes.yaml', import.meta.url));

export async function demoCommand(flags: RunFlags & { scenario?: string }): Promise<number> {
  const scenario = flags.scenario ?? 'healthy';
  if (!isScenario(scenario)) throw new UsageError(`unknown scenario "${scenario}"; expected one of: ${SCENARIOS.join(', ')}`);
  const target = await startTarget({ scenario });
  try {
    process.stderr.write(`upprobe demo: built-in target, scenario ${scenario}, at ${target.url}\n\n`);
    return await runFile(SHIPPED_PROBES, flags, { baseUrl: target.url });
  } finally {
    await target.close();
  }
}
