// Reads a DNS server written as SPEC's `host[:port]` (`1.1.1.1:53`, `[::1]:5353`, a bare `::1`),
// and finds the system's first resolver when no server is given.
import { getServers } from 'node:dns';

export const DNS_PORT = 53;

export interface DnsServerAddress {
  host: string;
  port: number;
}

/** `host[:port]` → host and port (53 by default); null when it cannot be one. */
export function parseDnsServer(text: string): DnsServerAddress | null {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2]);
  // Two or more colons without brackets: a bare IPv6 address, no port.
  if ((trimmed.match(/:/g) ?? []).length > 1) return withPort(trimmed, undefined);
  const [host = '', port, ...rest] = trimmed.split(':');
  if (rest.length > 0) return null;
  return withPort(host, port);
}

/** The address as a person writes it again: `[::1]:5353`, `127.0.0.1:53`. */
export function formatDnsServer(server: DnsServerAddress): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

/** The first resolver the system uses (`/etc/resolv.conf` on Linux), or null when it has none. */
export function systemDnsServer(): DnsServerAddress | null {
  const [first] = getServers();
  return first === undefined ? null : parseDnsServer(first);
}

function withPort(host: string, port: string | undefined): DnsServerAddress | null {
  if (host === '' || /\s/.test(host)) return null;
  if (port === undefined) return { host, port: DNS_PORT };
  if (!/^\d{1,5}$/.test(port)) return null;
  const number = Number(port);
  return number >= 1 && number <= 65_535 ? { host, port: number } : null;
}
