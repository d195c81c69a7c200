// `upprobe run` through the real CLI against real loopback servers.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { probesFile, runCli } from '../helpers/cli.js';
import { closeAfterEach, closedPort, keep, startHttpServer, type TestServer } from '../helpers/servers.js';

closeAfterEach();

async function echoServer(): Promise<TestServer> {
  // Echoes everything it was sent, in the body, a header and a Location: a hostile mirror.
  const s = await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const echo = `${req.url} ${JSON.stringify(req.headers)} ${body}`;
      res.writeHead(500, { 'x-echo': encodeURIComponent(echo).slice(0, 4000) }).end(echo);
    });
  });
  keep(s);
  return s;
}

describe('upprobe run', () => {
  it('classifies a closed port as connect and exits 1', async () => {
    const port = await closedPort();
    const file = probesFile(`version: 1
probes:
  - { id: down, kind: http, surface: api, request: { url: "http://127.0.0.1:${port}/" } }
`);
    const { code, stdout } = await runCli(['run', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/down .*connect×1/);
    expect(stdout).toMatch(/FAIL 1\/1 probes failing · api 100% of samples failing · api down in the network · exit 1/);
    expect(stdout).toMatch(/diagnosis {2}api {5}DOWN in the network — 1 of 1 samples \(down\): connection refused/);
  });

  it('writes the JSON report to a file and honours --samples, --only, --surface and --vantage', async () => {
    const s = await startHttpServer((_req, res) => res.end('{"status":"ok"}'));
    keep(s);
    const file = probesFile(`version: 1
defaults: { baseUrl: "${s.url}" }
probes:
  - { id: a, kind: http, surface: api, tags: [core], request: { url: /a } }
  - { id: b, kind: http, surface: web, request: { url: /b } }
  - { id: c, kind: http, surface: api, request: { url: /c } }
`);
    const out = join(dirname(file), 'report.json');
    const { code } = await runCli(['run', file, '-n', '3', '--only', 'core,b', '--surface', 'api', '--vantage', 'ci-runner', '--json', out]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    expect(report.vantage).toBe('ci-runner');
    expect(report.probes.map((p) => p.id)).toEqual(['a']);
    const [probe] = report.probes;
    expect(probe?.samples).toBe(3);
    expect(probe?.phasesMs.tls).toBeNull();
    expect(probe?.latencyMs?.p95).toBeGreaterThan(0);
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });

  it('prints only the verdict with --quiet', async () => {
    const s = await startHttpServer((_req, res) => res.end('ok'));
    keep(s);
    const file = probesFile(`version: 1\nprobes:\n  - { id: a, kind: http, surface: web, request: { url: "${s.url}/" } }\n`);
    const { code, stdout } = await runCli(['run', file, '-q']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(['PASS 1/1 probes passing · web 0% of samples failing · web up · exit 0']);
  });

  it('never prints a secret, even when the server echoes it back everywhere', async () => {
    const s = await echoServer();
    const secret = 'hunter2-$ecret/+?&';
    const file = probesFile(`version: 1
probes:
  - id: echo
    kind: http
    surface: api
    request:
      method: POST
      url: "${s.url}/login?token=\${env.API_TOKEN}"
      headers: { authorization: "Bearer \${secret.UPPROBE_PASSWORD}" }
      form: { password: "\${secret.UPPROBE_PASSWORD}" }
    expect: { status: 200 }
`);
    const out = join(dirname(file), 'report.json');
    const env = { UPPROBE_PASSWORD: secret, API_TOKEN: secret };
    const { code, stdout, stderr } = await runCli(['run', file, '--json', out], { env });
    expect(code).toBe(1);
    const json = readFileSync(out, 'utf8');
    for (const text of [stdout, stderr, json]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    expect(json).toContain('***');
  });

  it('stops on Ctrl-C, reports what was measured as interrupted, exits 130', async () => {
    const s = await startHttpServer(() => undefined); // never answers
    keep(s);
    const file = probesFile(`version: 1\nprobes:\n  - { id: h, kind: http, surface: api, samples: 4, request: { url: "${s.url}/" } }\n`);
    const { code, stdout, ms } = await runCli(['run', file, '--json', '-', '-t', '30s'], {
      // Once a request arrives the run is under way and handles SIGINT; a fixed delay could hit a
      // process still starting up on a loaded machine, which SIGINT simply kills.
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (s.accepted === 0) return;
          clearInterval(poll);
          child.kill('SIGINT');
        }, 50);
        child.once('exit', () => clearInterval(poll));
      },
    });
    expect(code).toBe(130);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.interrupted).toBe(true);
    expect(report.exitCode).toBe(130);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('usage and config errors', () => {
  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run \[options\] \[file\]/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown flag or a bad flag value exits 2 without a stack trace', async () => {
    for (const args of [['run', '--frobnicate'], ['run', '-c', 'zero'], ['run', '--timeout', 'soon'], ['run', '--surface', 'desktop']]) {
      const { code, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a config error names file:line:column and exits 2, nothing probed', async () => {
    const file = probesFile(`version: 1\nprobes:\n  - id: a\n    kind: http\n    request: { url: "http://127.0.0.1:1/" }\n`);
    const { code, stderr } = await runCli(['run', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:3:5`);
    expect(stderr).toMatch(/surface/);
  });

  it('validate: the shipped probes.yaml is valid; a broken file lists every problem', async () => {
    // The shipped login flow reads its account from the environment, falling back to the demo's.
    const env = { UPPROBE_USER: undefined, UPPROBE_PASSWORD: undefined };
    const shipped = await runCli(['validate', 'probes.yaml'], { cwd: join(dirname(new URL(import.meta.url).pathname), '../..'), env });
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toMatch(/OK, 13 probes \(7 api, 6 web\)/);
    const file = probesFile(`version: 1\nprobes:\n  - { id: a, kind: http, surface: api, request: { url: /x } }\n  - { id: a, kind: http, surface: nope, request: { url: "http://h/" } }\n`);
    const broken = await runCli(['validate', file]);
    expect(broken.code).toBe(2);
    expect(broken.stderr.split('\n').filter((l) => l.startsWith(file)).length).toBeGreaterThanOrEqual(3);
  });

  it('a missing file is a usage error', async () => {
    const { code, stderr } = await runCli(['run', '/nonexistent/probes.yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/nonexistent\/probes.yaml/);
  });
});
