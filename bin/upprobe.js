#!/usr/bin/env node
// The shipped entry point: runs the bundled CLI (npm ci builds it through `prepare`).
// Stack traces are printed only with DEBUG=upprobe; then they should name src/ files and lines,
// so source maps are turned on, before the bundle loads. Otherwise they cost start-up time.
if (/(^|,)\s*(upprobe|\*)\s*(,|$)/.test(process.env.DEBUG ?? '')) process.setSourceMapsEnabled(true);

const { main } = await import('../dist/cli/main.js');
await main(process.argv);
