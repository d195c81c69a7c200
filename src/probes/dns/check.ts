// A dns sample's verdict: the rcode and answers against `expect`. A wrong rcode, or no answer when
// one is wanted, is `dns` (the name did not resolve as it should); wrong answers are `assertion`.
import type { Failure } from '../../model/failure.js';
import type { DnsReply } from './query.js';
import type { DnsAnswersCheck, DnsExpect } from './schema.js';

export function checkDnsReply(expect: DnsExpect, reply: DnsReply, name: string, server: string): Failure | null {
  if (reply.rcode !== expect.rcode) return { class: 'dns', code: reply.rcode, host: name, server };
  if (expect.requireAnswer && reply.answers.length === 0) return { class: 'dns', code: 'NODATA', host: name, server };
  if (expect.answers && !answersPass(expect.answers, reply.answers)) {
    return { class: 'assertion', check: 'answers', expected: describeCheck(expect.answers), actual: describeAnswers(reply.answers) };
  }
  return null;
}

function answersPass(check: DnsAnswersCheck, answers: string[]): boolean {
  switch (check.op) {
    case 'contains':
      return answers.some((a) => a.includes(check.value));
    case 'matches':
      return answers.some((a) => check.value.test(a));
    case 'equals':
      return sameSet(check.value.map(normalise), answers.map(normalise));
  }
}

/** Names compare without case and with or without the trailing dot, as DNS does. */
function normalise(answer: string): string {
  return answer.toLowerCase().replace(/\.$/, '');
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

function describeCheck(check: DnsAnswersCheck): string {
  if (check.op === 'contains') return `an answer containing ${JSON.stringify(check.value)}`;
  if (check.op === 'matches') return `an answer matching /${check.value.source}/`;
  return `answers ${describeAnswers(check.value)}`;
}

/** At most five answers, each quoted: enough to see what came back, short enough for a table. */
function describeAnswers(answers: string[]): string {
  if (answers.length === 0) return 'no answers';
  const shown = answers.slice(0, 5).map((a) => JSON.stringify(a.length > 80 ? `${a.slice(0, 77)}…` : a));
  return `[${shown.join(', ')}${answers.length > 5 ? `, … ${answers.length - 5} more` : ''}]`;
}
