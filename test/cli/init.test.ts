// `upprobe init` through the real CLI: drafted from URLs of the built-in target, from a HAR file
// recorded by hand for it and from an OpenAPI document written for it; then `validate` and `run`.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';
import { closedPort, startRawServer, type TestServer } from '../helpers/servers.js';
import { useTarget } from '../target/use-target.js';

const HAR = fileURLToPath(new URL('../fixtures/init/target.har', import.meta.url));
const OPENAPI = fileURLToPath(new URL('../fixtures/init/target.openapi.yaml', import.meta.url));

interface DraftedFile {
  defaults: { baseUrl?: string };
  probes: { id: string; kind: string; surface: string; request?: { url: string }; links?: { urls: string[] }; expect?: Record<string, unknown> }[];
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'upprobe-init-'));
}

/** validate, then run (with extra flags): both must pass against the healthy target. */
async function validateAndRun(file: string, ...runFlags: string[]): Promise<JsonReport> {
  const validated = await runCli(['validate', file]);
  expect(validated.stderr).toBe('');
  expect(validated.code).toBe(0);
  const run = await runCli(['run', file, '--json', '-', ...runFlags]);
  expect(run.stderr).toMatch(/PASS/);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as JsonReport;
}

describe('upprobe init', () => {
  const startTarget = useTarget();

  it('drafts from URLs: one GET each proposes status, content type, a JSON key and the surface', async () => {
    const target = await startTarget();
    const file = join(freshDir(), 'probes.yaml');
    const { code, stderr } = await runCli(['init', `${target.url}/`, `${target.url}/api/timeline`, `${target.url}/static/app.css`, '-o', file]);
    expect(stderr).toMatch(/wrote .*probes\.yaml: 3 probes \(1 api, 2 web\)/);
    expect(code).toBe(0);

    const text = readFileSync(file, 'utf8');
    const schemaPath = /^# yaml-language-server: \$schema=(\S+schema\/probes\.schema\.json)$/.exec(text.split('\n')[0] ?? '')?.[1];
    // Relative to the file when both are in one project, else absolute: either way it leads to the schema.
    expect(existsSync(resolve(dirname(file), schemaPath ?? 'missing'))).toBe(true);
    expect(text).toMatch(/# surface api: it answered application\/json/);
    expect(text).toMatch(/# surface web: it answered text\/html/);
    const drafted = parse(text) as DraftedFile;
    expect(drafted.defaults.baseUrl).toBe(target.url);
    expect(drafted.probes.map((p) => [p.id, p.surface, p.request?.url])).toEqual([
      ['home', 'web', '/'],
      ['api-timeline', 'api', '/api/timeline'],
      ['static-app.css', 'web', '/static/app.css'],
    ]);
    expect(drafted.probes[1]?.expect).toEqual({
      status: 200,
      headers: { 'content-type': { matches: 'application/json' } },
      json: { '$.status': { exists: true } },
    });

    const report = await validateAndRun(file);
    expect(report.probes.map((p) => p.id)).toEqual(['home', 'api-timeline', 'static-app.css']);
  });

  it('never writes over a file without --force (exit 2, file unchanged), and does with it', async () => {
    const target = await startTarget();
    const file = join(freshDir(), 'probes.yaml');
    writeFileSync(file, 'mine\n');
    const refused = await runCli(['init', `${target.url}/`, '-o', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/probes\.yaml already exists; pass --force to replace it/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');

    const forced = await runCli(['init', `${target.url}/`, '-o', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('drafts from a HAR file: pages and API calls as http probes, static files as one links probe', async () => {
    const target = await startTarget();
    const file = join(freshDir(), 'site.yaml');
    const { code } = await runCli(['init', '--from-har', HAR, '-o', file]);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    // Left out, and said so: a POST (replaying it could change something) and a request that failed.
    expect(text).toMatch(/^# {3}POST http:\/\/127\.0\.0\.1:8080\/session \(a POST may change something/m);
    expect(text).toMatch(/^# {3}GET http:\/\/127\.0\.0\.1:8080\/favicon\.ico \(it answered 404 when recorded\)/m);
    const drafted = parse(text) as DraftedFile;
    expect(drafted.defaults.baseUrl).toBe('http://127.0.0.1:8080');
    expect(drafted.probes.map((p) => [p.id, p.kind, p.surface])).toEqual([
      ['home', 'http', 'web'],
      ['api-timeline', 'http', 'api'],
      ['api-notifications', 'http', 'api'],
      ['login', 'http', 'web'],
      ['assets', 'links', 'web'],
    ]);
    // The data: URL and the second, cached request for app.css are not links to check.
    expect(drafted.probes[4]?.links?.urls).toEqual(['/static/app.css', '/static/app.js', '/static/logo.svg']);
    // The notifications body was recorded base64-encoded: its key was still found.
    expect(drafted.probes[2]?.expect?.json).toEqual({ '$.status': { exists: true } });

    const report = await validateAndRun(file, '--base-url', target.url);
    expect(report.probes.find((p) => p.id === 'assets')?.samples).toBe(3);
  });

  it('drafts from an OpenAPI document: GET operations without required parameters or credentials', async () => {
    const target = await startTarget();
    const file = join(freshDir(), 'api.yaml');
    const { code } = await runCli(['init', '--from-openapi', OPENAPI, '-o', file]);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/GET \/api\/me \(needs credentials: sessionCookie\)/);
    expect(text).toMatch(/GET \/api\/posts\/\{id\} \(a path parameter\)/);
    expect(text).toMatch(/GET \/api\/search \(required parameter q \(query\)\)/);
    const drafted = parse(text) as DraftedFile;
    // servers[0].url with its variable's default.
    expect(drafted.defaults.baseUrl).toBe('http://127.0.0.1:8080');
    expect(drafted.probes.map((p) => [p.id, p.surface, p.request?.url, p.expect?.json])).toEqual([
      ['api-health', 'api', '/api/health', { '$.status': { exists: true } }],
      ['api-timeline', 'api', '/api/timeline', { '$.status': { exists: true } }],
      ['api-notifications', 'api', '/api/notifications', { '$.unread': { exists: true } }],
    ]);
    await validateAndRun(file, '--base-url', target.url);

    // --base-url at init time writes the target's URL itself: then run needs no flag.
    const pointed = join(freshDir(), 'api.yaml');
    expect((await runCli(['init', '--from-openapi', OPENAPI, '--base-url', target.url, '-o', pointed])).code).toBe(0);
    expect((parse(readFileSync(pointed, 'utf8')) as DraftedFile).defaults.baseUrl).toBe(target.url);
    await validateAndRun(pointed);
  });

  it('refuses bad input with one line and exit 2, writing nothing', async () => {
    const dir = freshDir();
    const port = await closedPort();
    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'just some notes\n');
    const cases: [string[], RegExp][] = [
      [['--from-har', OPENAPI], /target\.openapi\.yaml: not a HAR file: not JSON/],
      [['--from-har', notJson], /notes\.txt: not a HAR file: not JSON/],
      [['--from-openapi', HAR], /target\.har: not an OpenAPI document: expected "openapi: 3\.x" at the top/],
      [['--from-openapi', join(dir, 'missing.yaml')], /cannot read .*missing\.yaml: no such file/],
      [[`http://127.0.0.1:${port}/`], /cannot reach http:\/\/127\.0\.0\.1:\d+\/: connection refused/],
      [['ftp://127.0.0.1/'], /"ftp:\/\/127\.0\.0\.1\/" is not an http or https URL/],
      [[], /init needs something to draft from: URLs, --from-har FILE or --from-openapi FILE/],
    ];
    for (const [args, says] of cases) {
      const out = join(dir, 'probes.yaml');
      const { code, stderr } = await runCli(['init', ...args, '-o', out]);
      expect(stderr).toMatch(says);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(code).toBe(2);
      expect(() => readFileSync(out)).toThrow();
    }
  });

  it('refuses a HAR file without entries and a Swagger 2 document, saying what they are', async () => {
    const dir = freshDir();
    const har = join(dir, 'empty.har');
    writeFileSync(har, JSON.stringify({ log: { version: '1.2' } }));
    const swagger = join(dir, 'swagger.json');
    writeFileSync(swagger, JSON.stringify({ swagger: '2.0', paths: {} }));
    const badHar = await runCli(['init', '--from-har', har, '-o', '-']);
    expect(badHar.code).toBe(2);
    expect(badHar.stderr).toMatch(/empty\.har: not a HAR file at log\.entries: /);
    const old = await runCli(['init', '--from-openapi', swagger, '-o', '-']);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/swagger\.json: this is a Swagger 2 document; init reads OpenAPI 3/);
  });

  const servers: TestServer[] = [];
  afterEach(async () => Promise.all(servers.splice(0).map((server) => server.close())));

  it('gives up on a server that never answers within -t, exit 2', async () => {
    const silent = await startRawServer(() => undefined);
    servers.push(silent);
    const { code, stderr } = await runCli(['init', `${silent.url}/`, '-t', '300ms', '-o', '-']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/: timed out after \d+ms waiting for response headers/);
  });

  it('reads an OpenAPI document written as JSON too', async () => {
    const target = await startTarget();
    const dir = freshDir();
    const json = join(dir, 'openapi.json');
    writeFileSync(json, JSON.stringify(parse(readFileSync(OPENAPI, 'utf8'))));
    const file = join(dir, 'api.yaml');
    expect((await runCli(['init', '--from-openapi', json, '--base-url', target.url, '-o', file])).code).toBe(0);
    const report = await validateAndRun(file);
    expect(report.probes.map((p) => p.id)).toEqual(['api-health', 'api-timeline', 'api-notifications']);
  });

  it('says so when every request of a HAR file was left out (exit 2)', async () => {
    const dir = freshDir();
    const har = join(dir, 'posts.har');
    const post = { request: { method: 'POST', url: 'http://127.0.0.1:8080/session' }, response: { status: 303 } };
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: [post] } }));
    const { code, stderr } = await runCli(['init', '--from-har', har, '-o', join(dir, 'probes.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nothing to probe in the HAR file .*posts\.har: left out POST http:\/\/127\.0\.0\.1:8080\/session/);
  });

  it('never writes credentials from a URL into the file or the output', async () => {
    const target = await startTarget();
    const withPassword = target.url.replace('://', '://ada:hunter2-secret@');
    for (const command of ['init', 'check']) {
      const { code, stdout, stderr } = await runCli([command, `${withPassword}/`, ...(command === 'init' ? ['-o', '-'] : [])]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/a URL with a user name or password in it is not probed/);
      expect(stdout + stderr).not.toContain('hunter2');
    }
  });
});
