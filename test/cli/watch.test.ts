// `upprobe watch` in a real terminal (Debian's tmux) and through pipes, against the built-in
// target's scenarios switched while it watches.
import { execFileSync, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, probesFile, runCli } from '../helpers/cli.js';
import { startHttpServer } from '../helpers/servers.js';
import { startSwitchableTarget, type SwitchableTarget } from '../helpers/switchable-target.js';
import { haveTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';

const HAVE_TMUX = haveTmux();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function target(): Promise<SwitchableTarget> {
  const t = await startSwitchableTarget('healthy');
  cleanups.push(() => t.close());
  return t;
}

function watchedProbes(base: string, extra = ''): string {
  return probesFile(`version: 1
vantage: test-box
defaults: { baseUrl: "${base}", samples: 4, timeout: 2s }${extra}
probes:
  - { id: api-health, kind: http, surface: api, request: { url: /api/health }, expect: { status: 200 } }
  - { id: api-timeline, kind: http, surface: api, request: { url: /api/timeline }, expect: { status: 200 } }
  - { id: web-home, kind: http, surface: web, request: { url: / }, expect: { status: 200 } }
`);
}

const state = (screen: string, surface: string) => new RegExp(`^${surface}\\s+(up|DEGRADED|DOWN)\\b`, 'm').exec(screen)?.[1];

describe.skipIf(!HAVE_TMUX)('upprobe watch in a terminal (tmux)', () => {
  let tmux: TmuxSession;
  afterEach(() => tmux?.kill());

  it('redraws the states as the target changes, fits a resized terminal, and Ctrl-C gives the shell back with exit 130', async () => {
    const t = await target();
    const file = watchedProbes(t.url);
    tmux = startTmux(100, 30, { NO_COLOR: '1' });
    tmux.type(`node ${BIN} watch ${file} --every 300ms; echo "EXIT=$?"`);

    let screen = await tmux.waitFor((s) => state(s, 'api') === 'up' && state(s, 'web') === 'up', 'both surfaces up');
    expect(screen).toMatch(/^upprobe watch {2}probes\.yaml · every 300ms · vantage test-box/m);
    expect(screen).toMatch(/all 3 probes passing/);
    expect(screen).toMatch(/next run in \d+s|in progress/);
    expect(tmux.format('#{alternate_on}')).toBe('1');

    t.switchTo('app-outage');
    screen = await tmux.waitFor((s) => state(s, 'api') !== 'up' && state(s, 'api') !== undefined, 'the App API failing');
    expect(state(screen, 'web')).toBe('up');
    expect(screen).toMatch(/^ {2}api-(health|timeline)\s+api\s+http_5xx\s+\d\/4 samples failing/m);
    // The sparkline holds the passing runs before and the failing ones since.
    expect(screen).toMatch(/^api .*▁[▂-█]+ +since \d\d:\d\d:\d\d/m);

    t.switchTo('web-outage');
    screen = await tmux.waitFor((s) => state(s, 'web') === 'DOWN' && state(s, 'api') === 'up', 'the website down and the API up again');
    expect(screen).toMatch(/^ {2}web-home\s+web\s+http_5xx/m);

    tmux.resize(60, 20);
    screen = await tmux.waitFor((s) => /^upprobe watch.* \d\d:\d\d:\d\d$/m.test(s) && s.split('\n').every((l) => l.length <= 60), 'a frame 60 columns wide');
    expect(screen.split('\n')[0]).toHaveLength(60);

    tmux.keys('C-c');
    screen = await tmux.waitFor((s) => /EXIT=\d+/.test(s), 'the exit code');
    expect(screen).toMatch(/EXIT=130/);
    expect(screen).toMatch(/^shell\$ ?$/m);
    expect(screen).not.toMatch(/upprobe watch {2}probes/);
    expect(tmux.format('#{alternate_on}')).toBe('0');
  }, 90_000);

  it('SIGTERM gives the terminal back too, with exit 143', async () => {
    const t = await target();
    const file = watchedProbes(t.url);
    tmux = startTmux(100, 30, { NO_COLOR: '1' });
    tmux.type(`node ${BIN} watch ${file} --every 5s; echo "EXIT=$?"`);
    await tmux.waitFor((s) => state(s, 'api') === 'up', 'the watch screen');
    expect(tmux.format('#{alternate_on}')).toBe('1');
    // The pane's shell runs watch in the foreground: its child is the watcher.
    const shell = Number(tmux.format('#{pane_pid}'));
    const watcher = Number(execFileSync('pgrep', ['-P', String(shell)], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(watcher, 'SIGTERM');
    const screen = await tmux.waitFor((s) => /EXIT=\d+/.test(s), 'the exit code');
    expect(screen).toMatch(/EXIT=143/);
    expect(screen).not.toMatch(/upprobe watch {2}probes/);
    expect(tmux.format('#{alternate_on}')).toBe('0');
  }, 60_000);

  it('the progress line shows on a slow run and is gone before the tables', async () => {
    const slow = await startHttpServer((_req, res) => setTimeout(() => res.end('ok'), 300));
    cleanups.push(() => slow.close());
    const file = probesFile(`version: 1
probes:
  - { id: slow-one, kind: http, surface: api, samples: 8, request: { url: "${slow.url}/" } }
`);
    tmux = startTmux(100, 30, { NO_COLOR: '1' });
    tmux.type(`node ${BIN} run ${file} -c 1; echo "EXIT=$?"`);
    const during = await tmux.waitFor((s) => /upprobe: \d+\/8 samples · no probe failing · \ds/.test(s), 'the progress line');
    expect(during).not.toMatch(/EXIT=\d/);
    const after = await tmux.waitFor((s) => /EXIT=\d+/.test(s), 'the end of the run');
    expect(after).toMatch(/EXIT=0/);
    expect(after).toMatch(/^slow-one\s+http\s+api\s+8\s+100%/m);
    expect(after).not.toMatch(/samples · /);
  }, 30_000);
});

describe('without a terminal', () => {
  it('a slow run shows no progress line when stderr is a pipe', async () => {
    const slow = await startHttpServer((_req, res) => setTimeout(() => res.end('ok'), 300));
    cleanups.push(() => slow.close());
    const file = probesFile(`version: 1
probes:
  - { id: slow-one, kind: http, surface: api, samples: 6, request: { url: "${slow.url}/" } }
`);
    const { code, stderr, stdout } = await runCli(['run', file, '-c', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^slow-one/m);
    expect(stderr).not.toMatch(/samples ·|\r/);
  });

});

describe('upprobe watch without a terminal', () => {
  it('prints one verdict line per run, notifies from memory, says when a run outlasts --every, and exits 143 on SIGTERM', async () => {
    const t = await target();
    const received: string[] = [];
    const hook = await startHttpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => res.end(void received.push(body)));
    });
    cleanups.push(() => hook.close());
    const file = watchedProbes(t.url, `\nnotify: { url: "${hook.url}/hook", downAfter: 1, upAfter: 1 }`);
    const child = spawn(process.execPath, [BIN, 'watch', file, '--every', '200ms'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    cleanups.push(() => void child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const waitFor = async (test: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!test()) throw new Error(`never saw ${what}; stdout:\n${stdout}\nstderr:\n${stderr}`);
    };
    const lines = () => stdout.split('\n').filter(Boolean);

    await waitFor(() => lines().length >= 2, 'two verdict lines');
    t.switchTo('app-outage');
    await waitFor(() => / FAIL /.test(stdout) && received.length >= 1, 'a failing run and its notification');
    t.switchTo('slow');
    await waitFor(() => /longer than --every 200ms: the next starts at once/.test(stdout), 'a run longer than --every');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(code).toBe(143);
    for (const line of lines().filter((l) => !l.startsWith('run '))) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (PASS|FAIL) /);
    expect(stdout).not.toContain('\u001b');
    const first = JSON.parse(received[0] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ surface: 'api', from: 'up', vantage: 'test-box' });
    expect(stderr).toBe('');
  }, 60_000);
});
