// Commander wiring of the first-five-minutes commands, `check`, `init` and `schema` (SPEC "The
// first five minutes"), kept beside main.ts so that adding them to it is one line. Like main.ts, it loads
// each command's module only when that command runs.
import type { Command } from 'commander';
import type { OutputBoundary } from './output.js';

/** What main.ts already has for `run` and lends to these commands, so their flags mean the same. */
export interface RunOptionTools {
  addRunOptions: (command: Command) => Command;
  duration: (value: string) => number;
  httpUrl: (value: string) => string;
  /** Everything a command prints goes through it (main.ts makes one per process). */
  output: OutputBoundary;
}

export function registerFirstSteps(program: Command, tools: RunOptionTools): void {
  const check = tools
    .addRunOptions(
      program
        .command('check')
        .description('probe URLs without a file: one http probe each, with every `run` flag; exit codes as `run`')
        .argument('<url...>', 'http or https URLs'),
    )
    .action(async (urls: string[], options: Record<string, unknown>) => {
      const { checkCommand } = await import('./check-command.js');
      process.exitCode = await checkCommand(urls, options, tools.output);
    });
  // `run --surface` picks probes; for `check` it says what the URLs are.
  const surface = check.options.find((option) => option.long === '--surface');
  if (surface) surface.description = 'which side of the product the URLs are: api or web (default web)';
  const base = check.options.find((option) => option.long === '--base-url');
  if (base) base.description = 'resolve URLs given as /path against this one';
  check.addHelpText('after', '\nExample:\n  upprobe check https://example.com/ https://example.com/api/health -n 20');

  program
    .command('init')
    .description('draft a commented probes file from URLs, a HAR file or an OpenAPI 3 document')
    .argument('[url...]', 'URLs to GET once each; the probe expects what they answered')
    .option('--from-har <file>', 'a HAR file a browser saved: its page and API requests, its static files as one links probe')
    .option('--from-openapi <file>', 'an OpenAPI 3 document (JSON or YAML): its GET operations without required parameters')
    .option('--base-url <url>', 'where the API runs, when the OpenAPI document has no absolute servers URL (or to use another)', tools.httpUrl)
    .option('-o, --output <file>', 'the file to write; - prints it instead', 'probes.yaml')
    .option('--force', 'replace the file if it exists')
    .option('-t, --timeout <duration>', 'timeout of each GET: 250ms, 5s, 1m or milliseconds (default 10s)', tools.duration)
    .addHelpText('after', '\nExamples:\n  upprobe init https://example.com/ https://example.com/api/health\n  upprobe init --from-har session.har -o site.yaml\n  upprobe init --from-openapi openapi.yaml --base-url https://staging.example.com')
    .action(async (urls: string[], options: { output: string }) => {
      const { initCommand } = await import('./init-command.js');
      process.exitCode = await initCommand(urls, options, tools.output);
    });

  program
    .command('schema')
    .description('print the JSON Schema of probes.yaml (draft 2020-12), for editors and other validators')
    .addHelpText('after', '\nThe package ships it as schema/probes.schema.json; a probes file names it on its first line:\n  # yaml-language-server: $schema=./node_modules/upprobe/schema/probes.schema.json')
    .action(async () => {
      const { schemaCommand } = await import('./schema-command.js');
      process.exitCode = schemaCommand(tools.output);
    });
}
