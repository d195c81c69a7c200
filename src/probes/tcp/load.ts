// Builds a TcpProbe from its checked input: the host interpolated, `insecure` from the probe or
// the file's defaults.
import type { LoadContext } from '../../config/context.js';
import { fill } from '../../config/context.js';
import { BUILT_IN, type ResolvedDefaults } from '../../config/defaults.js';
import { parseWith } from '../../config/issues.js';
import { layerReach, resolveReach } from '../../config/reach.js';
import type { DataPath } from '../../config/positions.js';
import { resolveBase, resolveTimeout } from '../base.js';
import { isPort, tcpProbeSchema, type TcpProbe } from './schema.js';

const WHERE = 'in a tcp probe';

/** Validates and resolves one tcp probe; null when a problem was reported. */
export function loadTcpProbe(raw: unknown, path: DataPath, defaults: ResolvedDefaults | null, ctx: LoadContext): TcpProbe | null {
  const input = parseWith(tcpProbeSchema, raw, path, ctx.report);
  if (input === null || defaults === null) return null;
  const host = fill(ctx, input.tcp.host, [...path, 'tcp', 'host'], WHERE);
  if (host === null) return null;
  // `[::1]` as in a URL is accepted and read as the address inside the brackets.
  const bare = host.value.replace(/^\[(.*)\]$/, '$1');
  if (bare === '' || /[\s/]/.test(bare)) {
    ctx.report([...path, 'tcp', 'host'], `expected a host name or an IP address, got ${JSON.stringify(host.display)}`);
    return null;
  }
  const port = resolvePort(input.tcp.port, [...path, 'tcp', 'port'], ctx);
  if (port === null) return null;
  const reach = resolveReach(layerReach(layerReach({}, defaults, ['defaults']), input, path), ctx, WHERE);
  if (reach === null) return null;
  const expect = input.expect ?? {};
  return {
    ...resolveBase(input, defaults, ctx),
    kind: 'tcp',
    host: bare,
    port,
    tls: input.tcp.tls ?? false,
    insecure: input.insecure ?? defaults.insecure ?? BUILT_IN.insecure,
    transport: reach.transport,
    timeoutMs: resolveTimeout(input, defaults, ctx),
    expect: {
      ...(expect.certificate ? { minDaysLeft: expect.certificate.minDaysLeft } : {}),
      ...(expect.maxLatency !== undefined ? { maxLatencyMs: expect.maxLatency } : {}),
    },
  };
}

/** The port as written, or its text interpolated and read as a whole number from 1 to 65535. */
function resolvePort(written: number | string, path: DataPath, ctx: LoadContext): number | null {
  if (typeof written === 'number') return written;
  const text = fill(ctx, written, path, WHERE);
  if (text === null) return null;
  const port = /^\d+$/.test(text.value.trim()) ? Number(text.value) : NaN;
  if (!isPort(port)) {
    ctx.report(path, `expected a port from 1 to 65535, got ${JSON.stringify(text.display)}`);
    return null;
  }
  return port;
}
