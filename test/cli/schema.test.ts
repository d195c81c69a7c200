// `upprobe schema` through the built CLI: it prints what the package ships.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SHIPPED = fileURLToPath(new URL('../../schema/probes.schema.json', import.meta.url));

describe('upprobe schema', () => {
  it('prints the shipped schema/probes.schema.json, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['schema']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(SHIPPED, 'utf8'));
    expect((JSON.parse(stdout) as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('is in the package: package.json ships schema/', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { files: string[]; scripts: Record<string, string> };
    expect(pkg.files).toContain('schema');
    expect(pkg.scripts.schema).toMatch(/upprobe\.js schema > schema\/probes\.schema\.json/);
  });
});
