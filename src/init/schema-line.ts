// The first line of a written probes file: it tells editors (the YAML language server in VS Code,
// IntelliJ, Neovim, …) where the JSON Schema of probes.yaml is, for completion and hover help.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The schema the package ships (schema/ beside src/ and dist/). */
export const SHIPPED_SCHEMA = fileURLToPath(new URL('../../schema/probes.schema.json', import.meta.url));

/**
 * `# yaml-language-server: $schema=<path>` for a file written at `probesPath`: relative to it when
 * both are in one project (node_modules/upprobe/…, or upprobe's own checkout), else absolute:
 * "../../usr/lib/node_modules/…" from a home directory would break as soon as the file moves.
 */
export function schemaLine(probesPath: string, schemaPath = SHIPPED_SCHEMA): string {
  const fileDir = dirname(resolve(probesPath));
  const fromFile = relative(fileDir, schemaPath);
  const usable = fromFile !== '' && !isAbsolute(fromFile) && sharesMoreThanRoot(fileDir, schemaPath);
  const path = usable ? fromFile.split(sep).join('/') : schemaPath;
  return `# yaml-language-server: $schema=${usable && !path.startsWith('.') ? `./${path}` : path}`;
}

/** Whether two absolute paths have a common folder below the file system's root (and home). */
function sharesMoreThanRoot(a: string, b: string): boolean {
  const partsA = a.split(sep).filter(Boolean);
  const partsB = b.split(sep).filter(Boolean);
  let common = 0;
  while (common < partsA.length && partsA[common] === partsB[common]) common++;
  // /home/alice is shared by everything Alice has; one more level is a project.
  return common >= (partsA[0] === 'home' || partsA[0] === 'Users' ? 3 : 2);
}
