// The JSON Schema of probes.yaml: the shipped file is the generated one, every probes file in the
// repository passes it in a real JSON Schema validator (ajv), and files `validate` rejects for
// their structure fail it too.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/probes/load.js';
import { checkWithUnsetEnv } from '../../src/config/unset-env.js';
import { draftProbesFile } from '../../src/init/init.js';
import { probesJsonSchema, probesJsonSchemaText } from '../../src/schema/probes-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHIPPED = join(ROOT, 'schema', 'probes.schema.json');

const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
const validateWithAjv = ajv.compile(probesJsonSchema());

/** ajv's verdict on YAML text, read as the loader reads it (merge keys on). */
function ajvErrors(text: string): string[] {
  const data: unknown = parse(text, { merge: true });
  return validateWithAjv(data) ? [] : (validateWithAjv.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Every YAML file in the repository that is a probes file (`version:` and `probes:` at the top). */
function probesFilesInRepo(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', '.git', 'coverage'].includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name) && /^version:/m.test(readFileSync(path, 'utf8')) && /^probes:/m.test(readFileSync(path, 'utf8'))) found.push(path);
    }
  };
  walk(ROOT);
  return found;
}

/**
 * Probes files shown in the docs: yaml code blocks that are a whole file (`version: 1` and
 * `probes:`), or a list of probes (`  - id: …`), which is checked inside a file of its own.
 */
function probesFilesInDocs(): { name: string; text: string }[] {
  const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join('docs', n))];
  return docs.flatMap((doc) => {
    const blocks = [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    return blocks.flatMap((block, i) => {
      const name = `${doc}, yaml block ${i + 1}`;
      if (/^version: 1\b/m.test(block) && /^probes:/m.test(block)) return [{ name, text: block }];
      if (/^ {2}- id: /.test(block)) return [{ name, text: `version: 1\ndefaults: { baseUrl: "https://example.com" }\nprobes:\n${block}` }];
      return [];
    });
  });
}

describe('the JSON Schema of probes.yaml', () => {
  it('is shipped as generated (npm run schema regenerates schema/probes.schema.json)', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(probesJsonSchemaText());
  });

  it('is a valid draft 2020-12 schema that ajv compiles in strict mode', () => {
    expect(probesJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validateWithAjv).toBe('function');
  });

  it('is named on the first line of the shipped probes.yaml, by a path that leads to it', () => {
    const [first] = readFileSync(join(ROOT, 'probes.yaml'), 'utf8').split('\n');
    const path = /^# yaml-language-server: \$schema=(\S+)$/.exec(first ?? '')?.[1];
    expect(path).toBe('./schema/probes.schema.json');
    expect(readFileSync(join(ROOT, path ?? ''), 'utf8')).toBe(probesJsonSchemaText());
  });

  it('accepts every probes file in the repository', () => {
    const files = probesFilesInRepo();
    expect(files.map((f) => relative(ROOT, f))).toContain('probes.yaml');
    for (const file of files) expect({ file: relative(ROOT, file), errors: ajvErrors(readFileSync(file, 'utf8')) }).toEqual({ file: relative(ROOT, file), errors: [] });
  });

  it('accepts the files init drafts from the HAR and OpenAPI fixtures', async () => {
    for (const [flag, fixture] of [
      ['fromHar', 'target.har'],
      ['fromOpenapi', 'target.openapi.yaml'],
    ] as const) {
      const { text } = await draftProbesFile({ urls: [], [flag]: join(ROOT, 'test', 'fixtures', 'init', fixture), output: 'probes.yaml', timeoutMs: 1000 });
      expect({ fixture, errors: ajvErrors(text) }).toEqual({ fixture, errors: [] });
    }
  });

  it('accepts the probes files and probes the docs show, as validate does', () => {
    const shown = probesFilesInDocs();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const { name, text } of shown) {
      expect({ name, errors: ajvErrors(text) }).toEqual({ name, errors: [] });
      // As `validate --allow-unset-env` sees it: the docs' ${env.NAME}s are not set here.
      expect({ name, problems: checkWithUnsetEnv(text, (env) => parseConfig(text, name, {}, env), {}).problems }).toEqual({ name, problems: [] });
    }
  });

  it('describes every key, so an editor can explain it on hover', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const { properties } = node as { properties?: Record<string, { description?: unknown }> };
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (typeof value.description !== 'string' || value.description.length < 10) undescribed.push(`${path}.${key}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(probesJsonSchema(), '#');
    expect(undescribed).toEqual([]);
  });
});

/** Files with a structural mistake: the loader must refuse each, and so must the schema. */
const STRUCTURALLY_WRONG: Record<string, string> = {
  'no version': 'probes:\n  - { id: a, surface: api, request: { url: "https://example.com/" } }\n',
  'version 2': 'version: 2\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com/" } }\n',
  'no probes': 'version: 1\nprobes: []\n',
  'unknown top-level key': 'version: 1\nprobe: []\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com/" } }\n',
  'url at the probe level': 'version: 1\nprobes:\n  - { id: a, surface: api, url: "https://example.com/" }\n',
  'a typo in defaults': 'version: 1\ndefaults: { timout: 5s }\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com/" } }\n',
  'no surface': 'version: 1\nprobes:\n  - { id: a, request: { url: "https://example.com/" } }\n',
  'surface webb': 'version: 1\nprobes:\n  - { id: a, surface: webb, request: { url: "https://example.com/" } }\n',
  'an id with a space': 'version: 1\nprobes:\n  - { id: "a b", surface: api, request: { url: "https://example.com/" } }\n',
  'unknown kind': 'version: 1\nprobes:\n  - { id: a, kind: grpc, surface: api, request: { url: "https://example.com/" } }\n',
  'samples: 0': 'version: 1\nprobes:\n  - { id: a, surface: api, samples: 0, request: { url: "https://example.com/" } }\n',
  'timeout: fast': 'version: 1\nprobes:\n  - { id: a, surface: api, timeout: fast, request: { url: "https://example.com/" } }\n',
  'status: ok': 'version: 1\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com/" }, expect: { status: ok } }\n',
  'successRate: 120%': 'version: 1\ndefaults: { thresholds: { successRate: 120% } }\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com/" } }\n',
  'followRedirects: "yes"': 'version: 1\nprobes:\n  - { id: a, surface: api, request: { url: "https://example.com/", followRedirects: "yes" } }\n',
  'a flow without steps': 'version: 1\nprobes:\n  - { id: f, kind: flow, surface: web, steps: [] }\n',
  'a flow step with url outside request': 'version: 1\nprobes:\n  - { id: f, kind: flow, surface: web, steps: [ { id: s, url: "https://example.com/" } ] }\n',
  'a links probe without links': 'version: 1\nprobes:\n  - { id: l, kind: links, surface: web }\n',
  'links.select: [iframe]': 'version: 1\nprobes:\n  - { id: l, kind: links, surface: web, links: { fromPage: { url: "https://example.com/", select: [iframe] } } }\n',
};

describe('files `validate` rejects for their structure', () => {
  for (const [name, text] of Object.entries(STRUCTURALLY_WRONG)) {
    it(`are rejected by the schema too: ${name}`, () => {
      expect(() => parseConfig(text, 'probes.yaml', {}, {})).toThrow(ConfigError);
      expect(ajvErrors(text)).not.toEqual([]);
    });
  }
});
