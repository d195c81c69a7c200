// Regular expressions from the probes file, run by RE2 (re2js, a pure-JS port): matching takes
// time linear in the text, so no pattern and no body can make a sample outlive its deadline
// (`^(a+)+$` against "aaaa…!" backtracks for hours in JavaScript's own engine, which is not
// interruptible). The price: no backreferences and no lookahead (docs/failures.md).
import { createRequire } from 'node:module';
import type { RE2JS as Engine } from 're2js';

/**
 * The engine, in a chunk of its own: loadConfig loads it (`loadPatternEngine`) when a file may
 * have a regex, so a file without one does not pay its ~20 ms of loading at start.
 */
let engine: typeof Engine | undefined;

/** Loads the regex engine; loadConfig calls it before parsing a file that mentions a regex. */
export async function loadPatternEngine(): Promise<void> {
  engine ??= (await import('re2js')).RE2JS;
}

/**
 * The engine. Parsing without loadConfig (tests, with node_modules at hand) loads it on the spot;
 * the bundle, which has no node_modules, always went through loadPatternEngine first.
 */
function re2(): typeof Engine {
  engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof Engine }).RE2JS;
  return engine;
}

/** `\k<name>` not itself escaped (an even number of backslashes before it). */
const NAMED_BACKREFERENCE = /(?:^|[^\\])(?:\\\\)*\\k</;

/** A compiled pattern: what `expect.body.matches`, a check's `matches` and `capture.regex` hold. */
export class Pattern {
  private constructor(
    /** The pattern as written in the file, for messages. */
    readonly source: string,
    private readonly compiled: Engine,
  ) {}

  /**
   * Compiles JavaScript-style syntax (`(?<name>…)`, `\u00e9`, `\u{1F600}` are translated) with
   * lookbehind enabled (RE2JS runs it in linear time); a pattern RE2 cannot run is an error.
   */
  static compile(source: string): Pattern | { error: string } {
    // The translation would quietly read a named backreference as the letters "k<name>".
    if (NAMED_BACKREFERENCE.test(source)) return { error: 'invalid escape sequence: `\\k<`' };
    try {
      const RE2JS = re2();
      return new Pattern(source, RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.LOOKBEHINDS));
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
      return { error: reason };
    }
  }

  /** True when the pattern matches anywhere in the text (RegExp.prototype.test). */
  test(text: string): boolean {
    return this.compiled.test(text);
  }

  /** Where the first match starts in the text (a string index), or -1 when nothing matches. */
  firstIndex(text: string): number {
    const matcher = this.compiled.matcher(text);
    return matcher.find() ? matcher.start() : -1;
  }

  /** The first capturing group of the first match, or undefined when nothing matches or the group took no part. */
  firstGroup(text: string): string | undefined {
    const matcher = this.compiled.matcher(text);
    return matcher.find() ? (matcher.group(1) ?? undefined) : undefined;
  }

  /** How many capturing groups the pattern has. */
  get groupCount(): number {
    return this.compiled.groupCount();
  }
}
