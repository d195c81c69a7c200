// Secrets never reach any output: every string leaving the process passes through a redactor.
// A secret can appear encoded (inside JSON, in a URL, in a form body) or escaped by a reporter
// (XML, Markdown, Prometheus labels: the escapes the output boundary hands in), so each of those
// forms is masked too. The redactor is a value handed to whoever writes: no module holds one.
import { secretPattern } from './patterns.js';

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
  // Longest first, so a secret that contains another is masked whole; each form in every encoding
  // an echo may use (patterns.ts).
  const alternatives = [...new Set([...forms].sort((a, b) => b.length - a.length).map(secretPattern))];
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

/**
 * Keys whose string values are never secret-bearing: the report's own closed vocabulary (class,
 * kind, surface, phase, check…), names the probes file gives (ids, tags, steps, capture and
 * header names, the vantage), and encoded data (a latency histogram). Masking them would not hide
 * a secret, but a secret `api` would turn every `surface: "api"` into `***` and break what reads
 * the report (counting by class, merging by probe id, history). Keys whose values are sometimes
 * free text (`reason`: a TLS error quoting a host name; `code`) are masked like any other.
 */
const NOT_SECRET_BEARING = new Set([
  'class', 'kind', 'surface', 'phase', 'check', 'source', 'state', 'layer', 'scope',
  'id', 'tags', 'step', 'name', 'target', 'vantage', 'latencyHistogram',
]);

/**
 * The one walker: the value with every string value redacted; keys, numbers, booleans and the
 * strings under NOT_SECRET_BEARING keys are kept, and so are other objects (Date, RegExp). Values,
 * not documents: a result is redacted before any reporter serialises it (so `"schemaVersion": 1`
 * survives a secret `1`) or cuts a string to fit a column (half a secret cannot be recognised once
 * cut), and a failure before it leaves its sample. The value given is never changed: an object or
 * array holding a masked string is copied, and the rest is shared, so a run with no secret in its
 * result costs no second copy of it (16,000 probes' results are ~45 MB).
 */
export function redactValue<T>(value: T, redact: Redact): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const masked = walk(item);
        if (masked !== item) (copy ??= v.slice())[i] = masked;
      }
      return copy ?? v;
    }
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      const record = v as Record<string, unknown>;
      let copy: Record<string, unknown> | null = null;
      for (const key of Object.keys(record)) {
        if (NOT_SECRET_BEARING.has(key)) continue;
        const item = record[key];
        const masked = walk(item);
        if (masked !== item) (copy ??= { ...record })[key] = masked;
      }
      return copy ?? v;
    }
    return v;
  };
  return walk(value) as T;
}
