// `upprobe demo`: the built-in target on a free loopback port, probed by the shipped probes.yaml.
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, DEMO_USER, isScenario, SCENARIOS, startTarget, type RunningTarget } from '../target/server.js';
import { UsageError } from './errors.js';
import type { OutputBoundary } from './output.js';
import { runFile, type RunFlags } from './run-command.js';

/** The probes.yaml at the package root, beside src/ and dist/. */
export const SHIPPED_PROBES = fileURLToPath(new URL('../../probes.yaml', import.meta.url));

export async function demoCommand(flags: RunFlags & { scenario?: string }, output: OutputBoundary): Promise<number> {
  const scenario = flags.scenario ?? 'healthy';
  if (!isScenario(scenario)) throw new UsageError(`unknown scenario "${scenario}"; expected one of: ${SCENARIOS.join(', ')}`);
  const target = await startTarget({ scenario });
  try {
    process.stderr.write(`upprobe demo: built-in target, scenario ${scenario}, at ${target.url}\n\n`);
    return await runFile(SHIPPED_PROBES, flags, output, { baseUrl: target.url }, demoEnv(target, process.env));
  } finally {
    await target.close();
  }
}

/** The environment the shipped probes.yaml reads to find the target's addresses. */
export function demoEnv(target: RunningTarget, env: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    ...env,
    // The shipped login flow signs in with UPPROBE_USER / UPPROBE_PASSWORD: the target's demo account unless set.
    UPPROBE_USER: env.UPPROBE_USER ?? DEMO_USER,
    UPPROBE_PASSWORD: env.UPPROBE_PASSWORD ?? DEMO_PASSWORD,
    // Where the shipped probes find the App API's own address and the controls.
    UPPROBE_API_URL: target.apiUrl,
    UPPROBE_API_PORT: String(target.apiPort),
    UPPROBE_TLS_URL: target.tlsUrl,
    UPPROBE_TLS_PORT: String(target.tlsPort),
    UPPROBE_DNS: target.dnsServer,
    UPPROBE_CONTROL_1: target.controlUrls[0],
    UPPROBE_CONTROL_2: target.controlUrls[1],
  };
}
