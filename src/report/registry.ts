// Every reporter, one line each, by name: the terminal's (table, quiet) and the file formats the
// sinks write (sinks/registry.ts). Each is imported when used, so `validate` loads none and a run
// loads only those it prints. Adding a reporter: its module here in src/report/, then one line.
import type { Reporter } from './reporter.js';

export const REPORTERS = {
  table: async () => (await import('./table.js')).tableReporter,
  quiet: async () => (await import('./table.js')).quietReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  record: async () => (await import('./json.js')).recordReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  prom: async () => (await import('./prom.js')).promReporter,
  markdown: async () => (await import('./markdown.js')).markdownReporter,
} satisfies Record<string, () => Promise<Reporter>>;

export type ReporterName = keyof typeof REPORTERS;
