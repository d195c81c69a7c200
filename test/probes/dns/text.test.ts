// Pure pieces of the dns kind: how answers read as text, and how a server is written.
import { describe, expect, it } from 'vitest';
import { answerText, compressIpv6, fullyQualified } from '../../../src/probes/dns/answer-text.js';
import { formatDnsServer, parseDnsServer, systemDnsServer } from '../../../src/probes/dns/server-address.js';
import { rcodeName, rcodeValue } from '../../../src/probes/dns/record-types.js';

describe('answers as text', () => {
  it('compresses IPv6 as RFC 5952 says, and leaves what is not an address alone', () => {
    expect(compressIpv6('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(compressIpv6('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(compressIpv6('2001:db8:0:1:0:0:0:1')).toBe('2001:db8:0:1::1');
    expect(compressIpv6('not an address')).toBe('not an address');
  });

  it('writes names fully qualified, MX with its preference, TXT joined without quotes', () => {
    expect(fullyQualified('mail.example.com')).toBe('mail.example.com.');
    expect(fullyQualified('example.com.')).toBe('example.com.');
    expect(answerText({ type: 'MX', name: 'x', data: { preference: 10, exchange: 'mail.example.com' } })).toBe('10 mail.example.com.');
    expect(answerText({ type: 'TXT', name: 'x', data: [Buffer.from('v=spf1 '), Buffer.from('-all')] })).toBe('v=spf1 -all');
    expect(answerText({ type: 'NS', name: 'x', data: 'ns1.example.com' })).toBe('ns1.example.com.');
    expect(answerText({ type: 'AAAA', name: 'x', data: '2001:db8:0:0:0:0:0:2' })).toBe('2001:db8::2');
    expect(answerText({ type: 'SOA', name: 'x', data: { mname: 'a', rname: 'b', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 } })).toBeNull();
  });
});

describe('DNS servers as host[:port]', () => {
  it('reads IPv4, names, bracketed and bare IPv6, with or without a port', () => {
    expect(parseDnsServer('1.1.1.1')).toEqual({ host: '1.1.1.1', port: 53 });
    expect(parseDnsServer('1.1.1.1:5353')).toEqual({ host: '1.1.1.1', port: 5353 });
    expect(parseDnsServer('dns.example:53')).toEqual({ host: 'dns.example', port: 53 });
    expect(parseDnsServer('[::1]:5353')).toEqual({ host: '::1', port: 5353 });
    expect(parseDnsServer('[::1]')).toEqual({ host: '::1', port: 53 });
    expect(parseDnsServer('2001:db8::53')).toEqual({ host: '2001:db8::53', port: 53 });
  });

  it('refuses what cannot be a server', () => {
    for (const bad of ['', 'a b', '1.1.1.1:0', '1.1.1.1:65536', '1.1.1.1:x', '[::1]:', 'a:1:2x', '[dns.example]:53', 'a]b']) expect(parseDnsServer(bad)).toBeNull();
  });

  it('the system resolver is the first of Node\'s list (getServers), with its port; none without one', () => {
    expect(systemDnsServer(['10.0.0.53', '10.0.0.54'])).toEqual({ host: '10.0.0.53', port: 53 });
    expect(systemDnsServer(['[2001:db8::53]:5353'])).toEqual({ host: '2001:db8::53', port: 5353 });
    expect(systemDnsServer([])).toBeNull();
  });

  it('writes an address back the way a person reads it', () => {
    expect(formatDnsServer({ host: '::1', port: 5353 })).toBe('[::1]:5353');
    expect(formatDnsServer({ host: '127.0.0.1', port: 53 })).toBe('127.0.0.1:53');
  });

  it('names rcodes both ways', () => {
    expect(rcodeName(0)).toBe('NOERROR');
    expect(rcodeName(3)).toBe('NXDOMAIN');
    expect(rcodeName(15)).toBe('RCODE_15');
    expect(rcodeValue('SERVFAIL')).toBe(2);
  });
});
