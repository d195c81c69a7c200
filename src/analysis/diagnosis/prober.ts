// Is the prober itself healthy? Controls are endpoints the user trusts to be up and that share
// nothing with the service: when most of them fail too, the prober's own network is the suspect.
import type { ControlOutcome, ProberDiagnosis } from './types.js';

/** upprobe's own lag is a reason to read latencies with care, never a reason to call the prober unhealthy. */
export function proberDiagnosis(controls: ControlOutcome[] | null, eventLoop: { p99Ms: number; distorted: boolean } | null): ProberDiagnosis {
  const reasons: string[] = [];
  let healthy: boolean | null = null;
  let counts: ProberDiagnosis['controls'] = null;
  if (controls !== null && controls.length > 0) {
    const passed = controls.filter((c) => c.passed).length;
    counts = { passed, total: controls.length };
    healthy = passed * 2 >= controls.length;
    for (const control of controls) {
      if (!control.passed) reasons.push(`control ${control.url} failed (${control.failureClass ?? 'no answer'})`);
    }
  }
  if (eventLoop?.distorted) reasons.push(`upprobe's own event loop lagged ${eventLoop.p99Ms}ms p99: latencies may be inflated`);
  return { healthy, controls: counts, reasons };
}
