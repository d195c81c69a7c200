// Builds a DnsProbe from its checked input: the name interpolated, the server parsed, and SPEC's
// default expectation (NOERROR with at least one answer) filled in.
import type { LoadContext } from '../../config/context.js';
import { fill } from '../../config/context.js';
import type { ResolvedDefaults } from '../../config/defaults.js';
import { parseWith } from '../../config/issues.js';
import type { DataPath } from '../../config/positions.js';
import { resolveBase, resolveTimeout } from '../base.js';
import { dnsProbeSchema, type DnsAnswersCheck, type DnsExpect, type DnsProbe, type DnsProbeInput } from './schema.js';
import { parseDnsServer } from './server-address.js';

const WHERE = 'in a dns probe';

/** Validates and resolves one dns probe; null when a problem was reported. */
export function loadDnsProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): DnsProbe | null {
  const input = parseWith(dnsProbeSchema, raw, path, ctx.report);
  if (input === null || defaults === null) return null;
  const name = fill(ctx, input.dns.name, [...path, 'dns', 'name'], WHERE);
  const serverText = input.dns.server === undefined ? null : fill(ctx, input.dns.server, [...path, 'dns', 'server'], WHERE);
  if (name === null || (input.dns.server !== undefined && serverText === null)) return null;
  if (/\s/.test(name.value) || name.value.length > 253) {
    ctx.report([...path, 'dns', 'name'], `expected a domain name, got ${JSON.stringify(name.display)}`);
    return null;
  }
  const server = serverText === null ? null : parseDnsServer(serverText.value);
  if (serverText !== null && server === null) {
    ctx.report([...path, 'dns', 'server'], `expected a DNS server as host[:port] (1.1.1.1:53, [::1]:5353), got ${JSON.stringify(serverText.display)}`);
    return null;
  }
  return {
    ...resolveBase(input, defaults, ctx),
    kind: 'dns',
    name: name.value,
    type: input.dns.type ?? 'A',
    server,
    timeoutMs: resolveTimeout(input, defaults, ctx),
    expect: resolveExpect(input.expect),
  };
}

function resolveExpect(expect: DnsProbeInput['expect']): DnsExpect {
  const answers = expect?.answers === undefined ? null : answersCheck(expect.answers);
  return {
    rcode: expect?.rcode ?? 'NOERROR',
    // An answers check or no rcode at all wants records; `rcode` alone checks the rcode only.
    requireAnswer: answers !== null || expect?.rcode === undefined,
    answers,
    ...(expect?.maxLatency !== undefined ? { maxLatencyMs: expect.maxLatency } : {}),
  };
}

function answersCheck(check: NonNullable<NonNullable<DnsProbeInput['expect']>['answers']>): DnsAnswersCheck {
  if ('contains' in check) return { op: 'contains', value: check.contains };
  if ('matches' in check) return { op: 'matches', value: check.matches };
  return { op: 'equals', value: Array.isArray(check.equals) ? check.equals : [check.equals] };
}
