// loadConfig against the file system: unreadable paths, empty files, hostile YAML.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, formatProblem, loadConfig } from '../../src/probes/load.js';
import { httpProbes } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'upprobe-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function problemsOf(path: string): Promise<string[]> {
  const error: unknown = await loadConfig(path, {}, {}).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  expect(error.message).toBe(formatProblem(error.problems[0]!));
  return error.problems.map(formatProblem);
}

describe('loadConfig', () => {
  it('loads a valid file and names it as given', async () => {
    const path = write('ok.yaml', 'version: 1\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com" } }\n');
    const config = await loadConfig(path, {}, {});
    expect(config.file).toBe(path);
    expect(httpProbes(config).map((p) => p.request.url)).toEqual(['https://example.com/']);
  });

  it('a missing file', async () => {
    const path = join(dir, 'nope.yaml');
    expect(await problemsOf(path)).toEqual([`${path}:1:1: cannot read the file: no such file`]);
  });

  it('a directory', async () => {
    expect(await problemsOf(dir)).toEqual([`${dir}:1:1: cannot read the file: it is a directory, not a file`]);
  });

  it('an empty file', async () => {
    const path = write('empty.yaml', '');
    expect(await problemsOf(path)).toEqual([`${path}:1:1: the file is empty: expected a mapping with "version: 1" and "probes"`]);
  });

  it('a file of only comments is empty too', async () => {
    const path = write('comments.yaml', '# nothing yet\n\n');
    expect(await problemsOf(path)).toEqual([`${path}:1:1: the file is empty: expected a mapping with "version: 1" and "probes"`]);
  });

  it('a top level that is not a mapping', async () => {
    const path = write('list.yaml', '- id: a\n- id: b\n');
    expect(await problemsOf(path)).toEqual([`${path}:1:1: expected a mapping with "version: 1" and "probes" at the top level, got a list`]);
  });

  it('an alias bomb (billion laughs) fails fast', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const path = write('bomb.yaml', `version: 1\n${levels.join('\n')}\nprobes: *j\n`);
    const problems = await problemsOf(path);
    expect(problems).toEqual([`${path}:3:8: too many aliases: expanding them goes past the limit of 1000 (a "billion laughs" file?)`]);
  });

  it('an alias to an anchor that does not exist', async () => {
    const path = write('alias.yaml', 'version: 1\nprobes: *nope\n');
    const [problem] = await problemsOf(path);
    expect(problem).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:9: .*nope`));
  });

  it('anchors under top-level x- keys and merge keys share settings', async () => {
    const path = write(
      'anchors.yaml',
      [
        'version: 1',
        'x-common: &common { surface: api, request: { url: "https://example.com/" } }',
        'probes:',
        '  - { <<: *common, id: a }',
        '  - { <<: *common, id: b, surface: web }',
      ].join('\n'),
    );
    const config = await loadConfig(path, {}, {});
    expect(httpProbes(config).map((p) => [p.id, p.surface, p.request.url])).toEqual([
      ['a', 'api', 'https://example.com/'],
      ['b', 'web', 'https://example.com/'],
    ]);
  });
});
