// Secrets never reach any output: every string leaving the process passes through a redactor.
// A secret can appear encoded (inside JSON, in a URL, in a form body) or escaped by a reporter
// (XML, Markdown, Prometheus labels: the escapes the output boundary hands in), so each of those
// forms is masked too. The redactor is a value handed to whoever writes: no module holds one.

/** Masks secrets in one string. */
export type Redact = (text: string) => string;

/** How a reporter escapes text (report/escape.ts): a secret is masked in that form too. */
export type Escape = (text: string) => string;

/** A Redact that can be extended with secrets learnt later (a flow's `secret: true` captures). */
export interface Redactor extends Redact {
  /** This redactor, then one for `more` with the same escapes. */
  with(more: readonly string[]): Redactor;
}

export const MASK = '***';

/** A redactor for `secrets` in every encoded form and in every form `escapes` produce. */
export function createRedactor(secrets: readonly string[], escapes: readonly Escape[] = []): Redactor {
  return redactor(patternRedact(secrets, escapes), escapes);
}

function redactor(redact: Redact, escapes: readonly Escape[]): Redactor {
  const masked = (text: string) => redact(text);
  return Object.assign(masked, {
    with(more: readonly string[]): Redactor {
      if (more.length === 0) return redactor(redact, escapes);
      const extra = patternRedact(more, escapes);
      return redactor((text) => extra(redact(text)), escapes);
    },
  });
}

function patternRedact(secrets: readonly string[], escapes: readonly Escape[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    for (const escape of escapes) forms.add(escape(secret));
  }
  if (forms.size === 0) return (text) => text;
  // Longest first, so a secret that contains another is masked whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

/**
 * The one walker: a copy of a plain value (objects, arrays) with every string redacted; other
 * objects (Date, RegExp) are kept as they are. Reporters cut long strings to fit a column, and half
 * a secret cannot be recognised once cut: so a result is redacted before any reporter lays it out,
 * and a failure before it leaves its sample.
 */
export function redactValue<T>(value: T, redact: Redact): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([key, item]) => [key, walk(item)]));
    }
    return v;
  };
  return walk(value) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
