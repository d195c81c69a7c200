// Secrets never reach any output: every string leaving the process passes through a redactor.
// A secret can appear encoded (inside JSON, in a URL, in a form body) or escaped by a reporter
// (XML, Markdown, Prometheus labels), so each of those forms is masked too.
import { escapeLabelValue, escapeMarkdown, escapeXml } from './escape.js';

export type Redact = (text: string) => string;

export const MASK = '***';

export function createRedactor(secrets: readonly string[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(escapeXml(secret));
    forms.add(escapeMarkdown(secret));
    forms.add(escapeLabelValue(secret));
  }
  if (forms.size === 0) return (text) => text;
  // Longest first, so a secret that contains another is masked whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

/**
 * A copy of a plain value (objects, arrays) with every string redacted; other objects (Date,
 * RegExp) are kept as they are. Reporters cut long strings to fit a column, and half a secret
 * cannot be recognised once cut: so the result is redacted before any reporter lays it out.
 */
export function redactStrings<T>(value: T, redact: Redact): T {
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

/** A copy of a plain data value (a failure, say) with every string in it redacted. */
export function redactValue<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, redact)])) as T;
  }
  return value;
}
