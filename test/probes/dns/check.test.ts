// A dns sample's verdict from its reply: rcode, "at least one answer", and the answers check.
import { describe, expect, it } from 'vitest';
import { Pattern } from '../../../src/config/pattern.js';
import { checkDnsReply } from '../../../src/probes/dns/check.js';
import type { DnsReply } from '../../../src/probes/dns/query.js';
import type { DnsExpect } from '../../../src/probes/dns/schema.js';

const DEFAULT: DnsExpect = { rcode: 'NOERROR', requireAnswer: true, answers: null };
const reply = (rcode: string, answers: string[]): DnsReply => ({ rcode, answers, aliases: [], truncated: false, transport: 'udp' });
const check = (expect: DnsExpect, r: DnsReply) => checkDnsReply(expect, r, 'app.test', '127.0.0.1:53');

describe('checkDnsReply', () => {
  it('by default: NOERROR with an answer passes; another rcode or no answer is dns', () => {
    expect(check(DEFAULT, reply('NOERROR', ['127.0.0.1']))).toBeNull();
    expect(check(DEFAULT, reply('SERVFAIL', []))).toEqual({ class: 'dns', code: 'SERVFAIL', host: 'app.test', server: '127.0.0.1:53' });
    expect(check(DEFAULT, reply('NOERROR', []))).toEqual({ class: 'dns', code: 'NODATA', host: 'app.test', server: '127.0.0.1:53' });
  });

  it('rcode alone: NXDOMAIN expected passes without answers', () => {
    const gone: DnsExpect = { rcode: 'NXDOMAIN', requireAnswer: false, answers: null };
    expect(check(gone, reply('NXDOMAIN', []))).toBeNull();
    expect(check(gone, reply('NOERROR', ['127.0.0.1']))).toMatchObject({ class: 'dns', code: 'NOERROR' });
  });

  it('contains and matches need one answer to fit; equals needs the same set, names without case or trailing dot', () => {
    const contains: DnsExpect = { ...DEFAULT, answers: { op: 'contains', value: '203.0.113.' } };
    expect(check(contains, reply('NOERROR', ['198.51.100.1', '203.0.113.7']))).toBeNull();
    expect(check(contains, reply('NOERROR', ['198.51.100.1']))).toEqual({
      class: 'assertion',
      check: 'answers',
      expected: 'an answer containing "203.0.113."',
      actual: '["198.51.100.1"]',
    });
    const pattern = Pattern.compile('^10 mail\\.');
    if (!(pattern instanceof Pattern)) throw new Error(pattern.error);
    const matches: DnsExpect = { ...DEFAULT, answers: { op: 'matches', value: pattern } };
    expect(check(matches, reply('NOERROR', ['10 mail.app.test.']))).toBeNull();
    const equals: DnsExpect = { ...DEFAULT, answers: { op: 'equals', value: ['B.app.test', 'a.app.test.'] } };
    expect(check(equals, reply('NOERROR', ['a.app.test.', 'b.app.test.']))).toBeNull();
    expect(check(equals, reply('NOERROR', ['a.app.test.']))).toMatchObject({ class: 'assertion', expected: 'answers ["B.app.test", "a.app.test."]' });
  });

  it('an answers check with no answers is dns NODATA (nothing resolved), not an assertion', () => {
    expect(check({ ...DEFAULT, answers: { op: 'contains', value: 'x' } }, reply('NOERROR', []))).toMatchObject({ class: 'dns', code: 'NODATA' });
  });

  it('shows at most five answers', () => {
    const many = Array.from({ length: 8 }, (_, i) => `127.0.0.${i}`);
    const failure = check({ ...DEFAULT, answers: { op: 'contains', value: 'x' } }, reply('NOERROR', many));
    expect(failure).toMatchObject({ actual: '["127.0.0.0", "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", … 3 more]' });
  });
});
