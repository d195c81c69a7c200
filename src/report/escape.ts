// How text is escaped in each report format. The redactor masks a secret in each of these forms
// too, so a secret a server echoes back stays hidden however a reporter had to escape it.

/** Characters XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/F). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** Safe in XML attribute values and text; line breaks survive attribute normalisation. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\n\r\t]/g, (c) => XML_ENTITIES[c] ?? c);
}

/** A Prometheus label value: backslash, double quote and line feed escaped (the text format's rule). */
export function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Text inside a Markdown table cell: one line, and nothing that Markdown or HTML would interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Every escape a reporter applies: the output boundary hands them to the redactor (secrets/redact.ts). */
export const REPORT_ESCAPES = [escapeXml, escapeMarkdown, escapeLabelValue] as const;

/**
 * What a terminal would act on rather than show: C0 and C1 control characters (ESC starts every
 * escape sequence; U+009B is an 8-bit CSI), DEL, and the bidirectional overrides that reorder
 * what is shown. Line breaks and tabs too: one value is one cell on one line.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text from outside (a server, a record file) made safe to print: each control character becomes U+FFFD. */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROL, '\uFFFD');
}

/**
 * A copy of a plain value (a result, a merged report) with every string made terminal-safe: what a
 * terminal reporter renders comes from servers and files, and its own colours are added after.
 * Other objects (Date, RegExp) are kept as they are.
 */
export function terminalSafe<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return escapeTerminal(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([key, item]) => [key, walk(item)]));
    }
    return v;
  };
  return walk(value) as T;
}
