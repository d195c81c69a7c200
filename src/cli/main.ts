// The command line: commander wiring only. Each command's module is imported when that command
// runs, so `upprobe --version` does not pay for loading undici, yaml or zod.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { MAX_DURATION_MS, parseDuration } from '../config/duration.js';
import { ExitCode } from '../model/exit-codes.js';
import { SCENARIOS } from '../target/scenario-names.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { failInternal, UsageError } from './errors.js';
import { SINKS } from '../sinks/registry.js';
import { registerFirstSteps } from './first-steps.js';
import { OutputBoundary, watchOutputStream } from './output.js';
import type { WatchFlags } from './watch-command.js';

/** --scenario's help, from the list itself, so a new scenario cannot be left out. */
const SCENARIO_HELP = `what the target should break: ${SCENARIOS.join(', ')}`;

/** A flag's whole number ≥ 1. */
function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

/** A flag's duration: 250ms, 5s, 1m, or bare milliseconds (SPEC). */
function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError('expected a duration like 250ms, 5s, 1m or a number of milliseconds.');
  if (ms > MAX_DURATION_MS) throw new InvalidArgumentError('expected a duration of at most 24 days.');
  return ms;
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an absolute URL like https://staging.example.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http or https URL.');
  return value;
}

/** --only a,b c: comma- or space-separated, collected across repeats. */
function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** One option per sink that has a flag (sinks/registry.ts is the list). */
function addReportOptions(command: Command): Command {
  const fromEnv: string[] = [];
  for (const { source, description } of SINKS) {
    if ('flag' in source) command.option(`--${source.flag} ${source.argument}`, description);
    else fromEnv.push(`  ${source.env} set: ${description}`);
  }
  if (fromEnv.length > 0) command.addHelpText('after', `\nEnvironment:\n${fromEnv.join('\n')}`);
  return command;
}

/** Options shared by `run` and `demo`: what to probe how, and where the reports go. */
function addRunOptions(command: Command): Command {
  command
    .option('-c, --concurrency <n>', 'requests in flight at once, across all probes (default 16)', positiveInt)
    .option('-n, --samples <n>', 'samples per probe (default 1)', positiveInt)
    .option('-t, --timeout <duration>', 'per-request timeout: 250ms, 5s, 1m or milliseconds (default 10s)', duration)
    .option('--base-url <url>', 'override defaults.baseUrl (same probes against staging or production)', httpUrl)
    .option('--only <id-or-tag...>', 'run only probes with these ids or tags', collectList)
    .addOption(new Option('--surface <surface>', 'run only that surface').choices(['api', 'web']));
  return addReportOptions(command)
    .option('--vantage <name>', 'name of the place the probes run from (region, host); goes into every report')
    .option('--no-color', 'plain output; NO_COLOR and a non-TTY stdout do the same')
    .option('-q, --quiet', 'print only the verdict line');
}

export function buildProgram(output: OutputBoundary): Command {
  const program = new Command(TOOL_NAME)
    .description('Synthetic uptime probes: HTTP checks, login flows and link resolution, with app-API failures kept apart from web-front-end failures.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Exit codes:
  0  every probe met its thresholds
  1  at least one probe failed its thresholds
  2  usage or configuration error: nothing was probed
  3  internal error (a bug); DEBUG=upprobe prints the stack
  4  inconclusive: a probe failed while most of the controls failed too (the prober's own network)
  130/143  interrupted by Ctrl-C / SIGTERM (what was measured is still reported)`,
    );

  addRunOptions(program.command('run').description('run every probe once').argument('[file]', 'probes file', 'probes.yaml')).action(
    async (file: string, options: Record<string, unknown>) => {
      const { runCommand } = await import('./run-command.js');
      process.exitCode = await runCommand(file, options, output);
    },
  );

  addRunOptions(
    program
      .command('watch')
      .description('run the probes again and again: one screen redrawn after each run on a terminal, one verdict line per run otherwise')
      .argument('[file]', 'probes file', 'probes.yaml')
      .addOption(new Option('--every <duration>', 'from the start of one run to the start of the next: 30s, 5m (a longer run starts the next at once)').argParser(duration).default(30_000, '30s')),
  )
    .addHelpText(
      'after',
      `
Every run delivers to the sinks asked for (--record, --prom, --json, --notify, …).
Runs never overlap. The probes file is read once, when watch starts.

Exit codes:
  2    usage or configuration error: nothing was probed
  130  stopped by Ctrl-C (the terminal is restored)
  143  stopped by SIGTERM`,
    )
    .action(async (file: string, options: Record<string, unknown>) => {
      const { watchCommand } = await import('./watch-command.js');
      process.exitCode = await watchCommand(file, options as unknown as WatchFlags, output);
    });

  registerFirstSteps(program, { addRunOptions, duration, httpUrl, output });

  program
    .command('validate')
    .description('check the file; print what is wrong with line:column; exit 0 or 2')
    .argument('[file]', 'probes file', 'probes.yaml')
    .option('--allow-unset-env', 'check a file whose ${env.*} / ${secret.*} variables are not set here (CI before its secrets exist); still fails on everything else')
    .action(async (file: string, options: { allowUnsetEnv?: boolean }) => {
      const { validateCommand } = await import('./validate-command.js');
      process.exitCode = await validateCommand(file, output, options);
    });

  addRunOptions(
    program
      .command('demo')
      .description('start the built-in target on a free loopback port and run the shipped probes.yaml against it')
      .option('--scenario <name>', SCENARIO_HELP, 'healthy'),
  ).action(async (options: Record<string, unknown>) => {
    const { demoCommand } = await import('./demo-command.js');
    process.exitCode = await demoCommand(options, output);
  });

  program
    .command('history')
    .description('show the last runs a --record file holds, with a failure-rate sparkline per surface')
    .argument('<file>', 'the file that `run --record` appends to')
    .option('--last <n>', 'how many runs to show', positiveInt, 20)
    .option('--no-color', 'plain output; NO_COLOR and a non-TTY stdout do the same')
    .action(async (file: string, options: { last: number; color?: boolean }) => {
      const { historyCommand } = await import('./history-command.js');
      process.exitCode = historyCommand(file, options, output);
    });

  program
    .command('merge')
    .description('merge run reports from several vantage points (JSON files, --record histories) into one verdict with a quorum')
    .argument('<report...>', 'JSON reports (--json) and NDJSON histories (--record); the newest run of each vantage counts')
    .option('--quorum <q>', 'how many healthy vantages must see a surface failing: majority, any, all, or a number', 'majority')
    .option('--max-age <duration>', 'ignore reports that started longer ago than this (15m, 2h)', '15m')
    .option('--json [path]', 'write the merged report to path, or to stdout when no path or - is given (tables then go to stderr)')
    .option('--no-color', 'plain output; NO_COLOR and a non-TTY stdout do the same')
    .option('-q, --quiet', 'print only the verdict line')
    .addHelpText(
      'after',
      `
Exit codes:
  0  the quorum says every surface is up (a regional failure below the quorum still exits 0)
  1  the quorum says a surface is failing
  2  bad input: a missing or unreadable file, not a report, a newer schemaVersion,
     two files claiming one vantage's same run, or no report inside --max-age
  4  no healthy vantage: every vantage's prober was impaired`,
    )
    .action(async (files: string[], options: { quorum: string; maxAge: string; json?: string | true; color?: boolean; quiet?: boolean }) => {
      const { mergeCommand } = await import('./merge-command.js');
      process.exitCode = mergeCommand(files, options, output);
    });

  program
    .command('report')
    .description('write a run history (--record) as one self-contained HTML page: failure-rate timeline, latency per probe, incidents, latest diagnosis')
    .argument('<history>', 'the file that `run --record` appends to')
    .requiredOption('--html <path>', 'where to write the page (opens from file://; no request leaves it)')
    .option('--last <n>', 'only the last n runs', positiveInt)
    .action(async (file: string, options: { html: string; last?: number }) => {
      const { reportCommand } = await import('./report-command.js');
      process.exitCode = await reportCommand(file, options, output);
    });

  program
    .command('target')
    .description('serve the built-in target alone until Ctrl-C')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535.');
      return n;
    }, 8080)
    .option('--scenario <name>', SCENARIO_HELP, 'healthy')
    .action(async (options: { port: number; scenario: string }) => {
      const { targetCommand } = await import('./target-command.js');
      process.exitCode = await targetCommand(options);
    });

  return program;
}

/** Runs the CLI; never throws: every outcome is an exit code. */
export async function main(argv: string[]): Promise<void> {
  // Every command prints through this one boundary; an internal error quotes what it may have seen.
  const output = new OutputBoundary();
  process.on('uncaughtException', (err) => failInternal(err, output));
  process.on('unhandledRejection', (err) => failInternal(err, output));
  watchOutputStream(process.stdout, (err) => failInternal(err, output));
  watchOutputStream(process.stderr, (err) => failInternal(err, output));
  try {
    await buildProgram(output).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version "errors" are successes; anything else commander reports is usage.
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      process.exitCode = ok ? ExitCode.Ok : ExitCode.Usage;
    } else if (err instanceof UsageError) {
      output.write(process.stderr, `${TOOL_NAME}: ${err.message}\n`);
      process.exitCode = ExitCode.Usage;
    } else {
      failInternal(err, output);
    }
  }
}
