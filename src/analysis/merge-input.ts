// What `upprobe merge` reads of a run report: the fields it needs, checked, from a JSON file
// (one report) or an NDJSON history (one report per line). Anything else in a report is ignored.
import { z } from 'zod';

/** The newest report shape this upprobe reads (SPEC: a newer one is bad input, exit 2). */
export const KNOWN_SCHEMA_VERSION = 1;

const latencySchema = z.object({ min: z.number(), mean: z.number(), p50: z.number(), p95: z.number(), p99: z.number(), max: z.number() });

const probeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  surface: z.enum(['api', 'web']),
  passed: z.boolean(),
  samples: z.number(),
  failedSamples: z.number(),
  successRate: z.number().nullable(),
  latencyMs: latencySchema.nullable(),
  latencyHistogram: z.string().nullable().optional(),
  failuresByClass: z.record(z.string(), z.number()),
});

const reportSchema = z.object({
  schemaVersion: z.number(),
  vantage: z.string().nullable(),
  startedAt: z.iso.datetime(),
  exitCode: z.number(),
  probes: z.array(probeSchema),
  diagnosis: z
    .object({
      prober: z.object({ healthy: z.boolean().nullable() }).partial().nullable(),
      surfaces: z.record(z.string(), z.object({ state: z.string(), layer: z.string().nullable() }).partial()),
      headline: z.string(),
    })
    .partial()
    .nullable()
    .optional(),
});

/** One run report as merge reads it. */
export type RunReportInput = z.output<typeof reportSchema>;
export type ProbeInput = z.output<typeof probeSchema>;

/** A report that cannot be merged: the message says why, in a user's words. */
export class MergeInputError extends Error {}

/** One report from a JSON value; throws MergeInputError saying what is wrong with it. */
export function parseReport(value: unknown): RunReportInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MergeInputError('not an upprobe report (not a JSON object)');
  const fields = value as Record<string, unknown>;
  if (fields.kind === 'merge') throw new MergeInputError('a merged report, not a run report (merge the run reports themselves)');
  const version = fields.schemaVersion;
  if (typeof version !== 'number') throw new MergeInputError('not an upprobe report (no schemaVersion)');
  if (version > KNOWN_SCHEMA_VERSION) {
    throw new MergeInputError(`schemaVersion ${version} is newer than this upprobe reads (${KNOWN_SCHEMA_VERSION}): upgrade upprobe`);
  }
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new MergeInputError(`not an upprobe report (${issue?.message ?? 'unexpected shape'}${where})`);
  }
  return parsed.data;
}

/**
 * The reports a file holds: a file that parses as one JSON document is one report; otherwise
 * each non-empty line is one (a `--record` history). A broken history line is skipped, as
 * `upprobe history` does, but a file with no report at all is an error.
 */
export function parseReportFile(text: string): { reports: RunReportInput[]; skipped: number } {
  let whole: unknown;
  let isOneDocument = true;
  try {
    whole = JSON.parse(text);
  } catch {
    isOneDocument = false;
  }
  if (isOneDocument) return { reports: [parseReport(whole)], skipped: 0 };

  const reports: RunReportInput[] = [];
  let skipped = 0;
  let firstProblem: string | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      reports.push(parseReport(JSON.parse(line)));
    } catch (err) {
      // A newer schema is not a torn line: say so rather than skip it.
      if (err instanceof MergeInputError && err.message.startsWith('schemaVersion')) throw err;
      skipped++;
      firstProblem ??= err instanceof MergeInputError ? err.message : 'not JSON';
    }
  }
  if (reports.length === 0) throw new MergeInputError(firstProblem === null ? 'empty: no report in it' : `no report in it (${firstProblem})`);
  return { reports, skipped };
}
