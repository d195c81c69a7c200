// Probe ids name probes in every report and in --only, so two probes may not share one.
import type { Report } from './issues.js';
import type { Locate } from './positions.js';

/** Reports each repeated id at the repeat, naming the line of the first. */
export function checkDuplicateIds(rawProbes: readonly unknown[], report: Report, locate: Locate): void {
  const first = new Map<string, number>();
  rawProbes.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return;
    }
    const line = locate(['probes', earlier, 'id']).line;
    report(['probes', index, 'id'], `duplicate probe id ${JSON.stringify(id)} (first used on line ${line})`);
  });
}
