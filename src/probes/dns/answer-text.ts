// DNS answers as the text a dns probe compares and reports (SPEC): addresses (IPv6 compressed),
// names fully qualified with their trailing dot, MX as `10 mail.example.com.`, TXT strings joined
// without quotes.
import type { Answer } from 'dns-packet';

/** One answer record as text, or null for a record type a dns probe does not speak of. */
export function answerText(answer: Answer): string | null {
  switch (answer.type) {
    case 'A':
      return answer.data;
    case 'AAAA':
      return compressIpv6(answer.data);
    case 'CNAME':
    case 'NS':
      return fullyQualified(answer.data);
    case 'MX':
      return `${answer.data.preference} ${fullyQualified(answer.data.exchange)}`;
    case 'TXT':
      return txtText(answer.data);
    default:
      return null;
  }
}

/** `mail.example.com` → `mail.example.com.`; the root stays `.`. */
export function fullyQualified(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** An IPv6 address in its canonical compressed form (RFC 5952), as the URL standard writes it. */
export function compressIpv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}

/** A TXT record's character-strings, concatenated (how SPF and DKIM read split records). */
function txtText(data: string | Buffer | (string | Buffer)[]): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
}
