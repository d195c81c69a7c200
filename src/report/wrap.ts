// Word wrap for the lines that follow the tables (warnings, the verdict): a terminal that is
// narrower than a line would otherwise break it mid-word, or a pasted report would run off the page.

/**
 * Breaks `text` at spaces into lines of at most `columns` characters; continuation lines are
 * indented by `indent` spaces. A single word longer than the room is left whole on its own line.
 */
export function wrapWords(text: string, columns: number, indent = 2): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (lines.length === 0 && line === '') line = word;
    else if (line.length + 1 + word.length <= columns) line += ` ${word}`;
    else {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
