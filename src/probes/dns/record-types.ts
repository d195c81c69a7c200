// The DNS record types and response codes a dns probe speaks of (SPEC: type A|AAAA|CNAME|MX|TXT|NS).

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** RFC 1035/2136 response codes by their usual names, in numeric order (NOERROR = 0). */
export const DNS_RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'] as const;
export type DnsRcode = (typeof DNS_RCODES)[number];

/** The name of a header's 4-bit rcode; codes without a name read `RCODE_<n>`, as dig prints them. */
export function rcodeName(code: number): string {
  return DNS_RCODES[code] ?? `RCODE_${code}`;
}

/** The 4-bit value of a named rcode. */
export function rcodeValue(name: DnsRcode): number {
  return DNS_RCODES.indexOf(name);
}
