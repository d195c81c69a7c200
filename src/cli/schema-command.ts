// `upprobe schema`: prints the JSON Schema of probes.yaml (the package ships the same text as
// schema/probes.schema.json; `npm run schema` regenerates that file).
import { probesJsonSchemaText } from '../schema/probes-schema.js';
import type { OutputBoundary } from './output.js';

export function schemaCommand(output: OutputBoundary): number {
  output.write(process.stdout, probesJsonSchemaText());
  return 0;
}
