// `upprobe schema`: prints the JSON Schema of probes.yaml (the package ships the same text as
// schema/probes.schema.json; `npm run schema` regenerates that file).
import { probesJsonSchemaText } from '../schema/probes-schema.js';

export function schemaCommand(): number {
  process.stdout.write(probesJsonSchemaText());
  return 0;
}
