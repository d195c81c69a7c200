// A line of a --record history as the HTML report reads it: the fields it charts, checked.
import { z } from 'zod';

const classCounts = z.record(z.string(), z.number());
const surfaceSchema = z.object({ probes: z.number(), failedProbes: z.number(), failureRate: z.number(), failuresByClass: classCounts.optional() });

const runSchema = z.object({
  schemaVersion: z.literal(1),
  vantage: z.string().nullable(),
  startedAt: z.iso.datetime(),
  exitCode: z.number(),
  summary: z.object({ probes: z.number(), failed: z.number(), surfaces: z.object({ api: surfaceSchema, web: surfaceSchema }) }),
  probes: z.array(
    z.object({
      id: z.string(),
      surface: z.enum(['api', 'web']),
      passed: z.boolean(),
      latencyMs: z.object({ p50: z.number(), p95: z.number() }).nullable(),
      failuresByClass: classCounts.optional(),
    }),
  ),
  diagnosis: z
    .object({
      surfaces: z.record(z.string(), z.object({ state: z.string(), layer: z.string().nullable() }).partial()),
      headline: z.string(),
    })
    .partial()
    .nullable()
    .optional(),
});

/** One recorded run, as the HTML report reads it. */
export type RecordedRun = z.output<typeof runSchema>;

/** The run a line holds, or null for a line that is not one (cut short, edited, another tool's). */
export function parseRecordedRun(line: string): RecordedRun | null {
  try {
    const parsed = runSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
