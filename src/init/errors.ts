// What `init` and `check` refuse: input that is not what it claims to be (exit 2, one line).

/** Bad input: not a HAR file, not OpenAPI, an unreachable URL, a file that would be overwritten. */
export class InitInputError extends Error {
  constructor(message: string) {
    // One line, whatever a parser's message quoted from the input.
    super(message.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}
