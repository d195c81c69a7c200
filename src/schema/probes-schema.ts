// The JSON Schema of probes.yaml (draft 2020-12), generated from the zod schemas the loader
// itself checks files with, so editors and `validate` cannot disagree about the file's shape.
// The loader parses `defaults`, each probe and each flow step on its own (so one bad probe hides
// nothing); here they are put back together into one schema for the whole file, with each kind's
// schema from the probe registry.
import { z } from 'zod';
import { controlSchema, MAX_CONTROLS } from '../config/controls.js';
import { notifySchema } from '../config/notify.js';
import { defaultsSchema, fileSchema } from '../config/schema.js';
import { PROBE_KINDS } from '../probes/registry.js';

/** The whole file as one zod schema: what `validate` checks, minus what JSON Schema cannot say. */
function wholeFileSchema() {
  // Every registered kind, so a new kind is in the schema without a line here.
  const probe = z.union(Object.values(PROBE_KINDS).map((kind) => kind.schema));
  // The loader's own descriptions of the two keys it parses on their own.
  const { defaults, notify, probes, controls } = fileSchema.shape;
  return fileSchema.extend({
    defaults: defaultsSchema.optional().describe(defaults.description ?? ''),
    controls: z.array(controlSchema).min(1).max(MAX_CONTROLS).optional().describe(controls.description ?? ''),
    notify: notifySchema.optional().describe(notify.description ?? ''),
    probes: z.array(probe).min(1).describe(probes.description ?? ''),
  });
}

/** The JSON Schema as a plain object. */
export function probesJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(wholeFileSchema(), {
    target: 'draft-2020-12',
    // What a file may say, not what the loader turns it into (transforms convert `5s` to 5000).
    io: 'input',
    // Refinements (one of body/json/form, …) stay the loader's job; the shape is all JSON Schema says.
    unrepresentable: 'any',
  });
  return {
    $schema: schema.$schema,
    title: 'upprobe probes file',
    description: 'Probe definitions for upprobe: http checks, login flows and link checks, each on surface api or web. upprobe validate checks a file fully.',
    ...schema,
    // Top-level `x-…` keys hold YAML anchors (as in docker-compose files); the loader skips them.
    patternProperties: { '^x-': {} },
  };
}

/** The schema as the shipped file holds it: two-space JSON and a final newline. */
export function probesJsonSchemaText(): string {
  return `${JSON.stringify(probesJsonSchema(), null, 2)}\n`;
}
