#!/usr/bin/env node
// The shipped entry point: runs the bundled CLI (npm ci builds it through `prepare`).
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before the CLI loads: install checks and wrapper scripts call this often, and it
  // should cost little more than starting Node (bench/README.md).
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  // Stack traces are printed only with DEBUG=upprobe; then they should name src/ files and lines,
  // so source maps are turned on before the bundle loads. Otherwise they only cost start-up time.
  if (/(^|,)\s*(upprobe|\*)\s*(,|$)/.test(process.env.DEBUG ?? '')) process.setSourceMapsEnabled(true);
  // undici parses HTTP/1.1 with llhttp compiled to WebAssembly, on the first connection. V8 then
  // keeps compiling that module on background threads, and a process cannot exit until they are
  // done: ~90 ms of idle at the end of every short run, more than the run itself (bench/README.md).
  // Liftoff, V8's baseline WebAssembly compiler, leaves no such work behind, and its code is fast
  // enough for parsing response heads. Set here, before any module is compiled.
  setFlagsFromString('--liftoff-only');
  const { main } = await import('../dist/cli/main.js');
  await main(process.argv);
}
