// The GitHub step summary, parsed back by a Markdown parser (marked, GitHub-flavoured tables).
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownReporter } from '../../src/report/markdown.js';
import { HOSTILE_BODY, hostileRun, type HostileRun } from './hostile-run.js';

let run: HostileRun;
let tables: Tokens.Table[];
let text: string;
beforeAll(async () => {
  run = await hostileRun();
  text = markdownReporter.render(run.result, { color: false, columns: 80 });
  tables = marked.lexer(text, { gfm: true }).filter((t): t is Tokens.Table => t.type === 'table');
});
afterAll(() => run.server.close());

/** A cell as a reader sees it: the inline tokens' text with Markdown escapes undone. */
function cellText(cell: Tokens.TableCell): string {
  return cell.tokens.map((t) => ('text' in t && typeof t.text === 'string' ? t.text : t.raw)).join('');
}

describe('markdown (GitHub step summary) reporter', () => {
  it('starts with the verdict as a heading', () => {
    const [heading] = marked.lexer(text, { gfm: true });
    expect(heading).toMatchObject({ type: 'heading', depth: 3 });
    expect((heading as Tokens.Heading).text).toMatch(/^upprobe: FAIL 2\/4 probes failing · api 33% of samples failing · web 100% · api degraded .+ · web down .+ · 2 flaky · exit 1$/);
  });

  it('has the surface table, API beside web, with flaky counts', () => {
    const surfaces = tables[0];
    expect(surfaces?.header.map(cellText)).toEqual(['surface', 'probes failing', 'samples failing', 'failure %', 'flaky', 'top classes']);
    expect(surfaces?.rows.map((r) => r.map(cellText))).toEqual([
      ['api', '1/3', '2/6', '33%', '2', 'assertion×2'],
      ['web', '1/1', '2/2', '100%', '0', 'http_5xx×2'],
    ]);
  });

  it('lists the failures with an example message that markup, pipes and quotes cannot break', () => {
    const failures = tables[1];
    expect(failures?.header.map(cellText)).toEqual(['probe', 'step or link', 'class', 'count', 'example']);
    expect(failures?.rows).toHaveLength(2);
    const hostile = failures?.rows.find((r) => cellText(r[0]!) === 'api-hostile');
    expect(hostile?.map(cellText).slice(0, 4)).toEqual(['api-hostile', '/hostile', 'assertion', '×2']);
    // Five cells: the pipe in the body did not split the row. The text reads back as the server sent it.
    expect(hostile).toHaveLength(5);
    const example = hostile ? cellText(hostile[4]!) : '';
    // The control character the server sent is replaced: nothing a server sends reaches a terminal raw.
    expect(example).toBe(`body: expected contains "never there", got ${HOSTILE_BODY.replace('\u0001', '\uFFFD')}`);
    // Rendered, the server's markup is text, not HTML.
    const html = marked.parse(text, { async: false });
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;');
  });
});
