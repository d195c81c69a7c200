// `upprobe validate` on the first files people write: warnings for bare-number durations that
// are probably seconds, and --allow-unset-env for files whose variables are not set here.
import { describe, expect, it } from 'vitest';
import { probesFile, runCli } from '../helpers/cli.js';

/** A shell without any of the file's variables, whatever the test runner's shell has. */
const NO_VARS = { BASE_URL: undefined, API_TOKEN: undefined, PORT: undefined, HOST: undefined };

const WITH_VARIABLES = `version: 1
defaults:
  baseUrl: \${env.BASE_URL}
  headers: { authorization: "Bearer \${secret.API_TOKEN}" }
probes:
  - id: a
    surface: api
    request: { url: "http://127.0.0.1:\${env.PORT}/health" }
  - id: b
    surface: web
    request: { url: "https://\${env.HOST}/" }
`;

describe('validate: a bare number under 50 for a duration', () => {
  it('is a warning that names the unit, and the file is still valid', async () => {
    const file = probesFile(`version: 1
defaults: { baseUrl: "https://example.com", timeout: 5 }
probes:
  - id: a
    surface: api
    request: { url: /x }
    expect: { maxLatency: 800, json: { "$.timeout": 3 } }
    thresholds: { p95: 2ms }
    retryDelay: 0
`);
    const { code, stdout, stderr } = await runCli(['validate', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/OK, 1 probe/);
    // 800 is plainly milliseconds, 2ms says so, 0 means "no delay", $.timeout is a JSON path: no warning.
    expect(stderr.trim().split('\n')).toEqual([
      `${file}:2:54: warning: defaults.timeout: 5 is 5 ms (a bare number is milliseconds); write 5s if you meant seconds, or 5ms to keep it and silence this`,
    ]);
  });
});

describe('validate --allow-unset-env', () => {
  it('without the flag, each unset variable is a problem (exit 2)', async () => {
    const { code, stderr } = await runCli(['validate', probesFile(WITH_VARIABLES)], { env: NO_VARS });
    expect(code).toBe(2);
    expect(stderr).toMatch(/environment variable BASE_URL is not set/);
    expect(stderr).toMatch(/4 problems/);
  });

  it('checks the file with stand-ins for unset variables, and names them', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--allow-unset-env', probesFile(WITH_VARIABLES)], { env: NO_VARS });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/OK, 2 probes \(1 api, 1 web\)/);
    expect(stdout).toMatch(/not set here, checked with stand-in values: API_TOKEN, BASE_URL, HOST, PORT/);
  });

  it('still fails on everything else, at its line and column', async () => {
    const broken = WITH_VARIABLES.replace('https://${env.HOST}/', 'htp://${env.HOST}/').replace('    surface: web', '    surface: webb');
    const { code, stderr } = await runCli(['validate', '--allow-unset-env', probesFile(broken)], { env: NO_VARS });
    expect(code).toBe(2);
    expect(stderr).toMatch(/:10:14: probes\[1\]\.surface: expected one of api, web, got "webb"/);
    expect(stderr).toMatch(/:11:21: probes\[1\]\.request\.url: url "htp:\/\/.*\/" must use http or https, not htp/);
    expect(stderr).toMatch(/: 2 problems$/m);
  });

  it('uses the variables that are set', async () => {
    const { code, stderr } = await runCli(['validate', '--allow-unset-env', probesFile(WITH_VARIABLES)], { env: { ...NO_VARS, BASE_URL: 'not a url' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/defaults\.baseUrl: expected an absolute http or https URL, got "not a url"/);
  });
});
