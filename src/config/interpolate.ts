// `${name}` substitution, kept separate from what the names mean so http probes (env and secrets
// only) and, later, flow steps (which leave `${capture}` for run time) share one parser.

/** What a lookup says about one `${name}`: its value, a problem, or "leave it for a later pass". */
export type Substitution = { value: string; secret: boolean } | { problem: string } | 'keep';

/** The result of one template, with what went into it: messages show `display`, output hides `secrets`. */
export interface Interpolated {
  /** The text with every substitution made. */
  value: string;
  /** The same text with secret substitutions shown as *** — the only form fit for messages. */
  display: string;
  /** Secret values that went into `value`. */
  secrets: string[];
  problems: string[];
}

/** How the result will be used. */
export interface InterpolateOptions {
  /**
   * 'template' when a later pass interpolates the result again (a kept `${capture}`): literal
   * `${` is then written back as `$${` so that pass reads it as text too. Default 'final'.
   */
  output?: 'final' | 'template';
}

/** `${$}` is a literal `$`: the only way to write a `$` right before a reference (`$${` is a literal `${`). */
export const LITERAL_DOLLAR = '${$}';

/**
 * In a template, text ending in `$` right before a reference or a `{` would read as `$${…}` (a
 * literal) or as a new reference: that `$` is written as `${$}` instead.
 */
export function escapeDollarBefore(text: string, next: string): string {
  return text.endsWith('$') && next.startsWith('{') ? `${text.slice(0, -1)}${LITERAL_DOLLAR}` : text;
}

/** Replaces each `${name}` in a template through `lookup`; `$${` is a literal `${`, `${$}` a literal `$`. */
export function interpolate(template: string, lookup: (name: string) => Substitution, options: InterpolateOptions = {}): Interpolated {
  const asTemplate = options.output === 'template';
  const literalOpen = asTemplate ? '$${' : '${';
  // In a template, a substituted value is text too: its own `${` must not read as a reference later.
  const text = (value: string) => (asTemplate ? value.split('${').join('$${') : value);
  const result: Interpolated = { value: '', display: '', secrets: [], problems: [] };
  const append = (value: string, display = value) => {
    if (value === '') return;
    // A reference (`${`) or a `{` after a `$` ends the `$` differently than it was meant.
    if (asTemplate) result.value = escapeDollarBefore(result.value, value.startsWith('${') ? '{' : value);
    result.value += value;
    result.display += display;
  };
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    if (open < 0) break;
    if (open > i && template[open - 1] === '$') {
      append(template.slice(i, open - 1) + literalOpen);
      i = open + 2;
      continue;
    }
    append(template.slice(i, open));
    const close = template.indexOf('}', open + 2);
    if (close < 0) {
      result.problems.push(`unclosed "\${" in ${JSON.stringify(template)} (write $\${ for a literal \${)`);
      append(template.slice(open));
      i = template.length;
      break;
    }
    const name = template.slice(open + 2, close).trim();
    const reference = template.slice(open, close + 1);
    if (name === '$') {
      append('$');
      i = close + 1;
      continue;
    }
    const substitution = lookup(name);
    if (substitution === 'keep') {
      append(reference);
    } else if ('problem' in substitution) {
      result.problems.push(substitution.problem);
      append(reference);
    } else if (substitution.secret) {
      append(text(substitution.value), '***');
      if (substitution.value !== '') result.secrets.push(substitution.value);
    } else {
      append(text(substitution.value));
    }
    i = close + 1;
  }
  append(template.slice(i));
  return result;
}
