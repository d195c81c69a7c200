// The scenario names alone, without their behaviour: the CLI's --help lists them, and importing
// them must not load the target (upprobe --help and --version stay cheap).

/** Every scenario `upprobe demo --scenario` and `upprobe target --scenario` accept. */
export const SCENARIOS = [
  'healthy',
  'app-outage',
  'web-outage',
  'slow',
  'hang',
  'login-broken',
  'login-slow',
  'links-broken',
  'images-broken',
  'edge-challenge',
  'edge-rate-limit',
  'edge-origin-down',
  'network-down',
  'dns-broken',
  'cert-expiring',
] as const;

/** A scenario's name; the CLI validates user input with isScenario. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** Narrows a command-line string to a scenario name. */
export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}
