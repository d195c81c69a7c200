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
