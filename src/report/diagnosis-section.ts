// The terminal's diagnosis section, after the surface table: per surface its state and layer with
// the evidence, the prober, and what the evidence is consistent with. Wrapped to the terminal.
import { stripVTControlCharacters } from 'node:util';
import type { Diagnosis, SurfaceDiagnosis } from '../model/diagnosis.js';
import { LAYER_PHRASES } from '../analysis/diagnosis/index.js';

const LABEL = 'diagnosis  ';
const INDENT = ' '.repeat(LABEL.length);
/** Narrower than this, wrapping only makes it worse: lines run on. */
const MIN_WIDTH = 40;

/** Evidence quotes servers (status texts): nothing in it may drive the terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return stripVTControlCharacters(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Word-wraps `text` to `width`, the first line after `first`, the rest after `rest`. */
function wrap(text: string, first: string, rest: string, width: number): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > Math.max(width, MIN_WIDTH)) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function stateText({ state, layer }: SurfaceDiagnosis): string {
  const word = state === 'down' ? 'DOWN' : state;
  return layer === null ? word : `${word} ${LAYER_PHRASES[layer]}`;
}

/** The section's lines (no colour), wrapped to `columns`. */
export function diagnosisSection(diagnosis: Diagnosis, columns: number): string[] {
  const lines: string[] = [];
  const surfaces = Object.entries(diagnosis.surfaces).filter(([, s]) => s.state !== 'unprobed');
  const nameWidth = Math.max('prober'.length, ...surfaces.map(([name]) => name.length)) + 2;
  const evidenceIndent = INDENT + ' '.repeat(nameWidth);
  let label = LABEL;
  for (const [name, surface] of surfaces) {
    const head = `${label}${name.padEnd(nameWidth)}${stateText(surface)}`;
    const [firstEvidence, ...more] = surface.evidence.map(printable);
    lines.push(...wrap(firstEvidence === undefined ? '' : `— ${firstEvidence}`, `${head} `, evidenceIndent, columns).map((l) => l.trimEnd()));
    for (const text of more) lines.push(...wrap(text, evidenceIndent, evidenceIndent, columns));
    label = INDENT;
  }
  const { prober } = diagnosis;
  const proberText =
    prober.healthy === null ? 'unchecked (no controls)' : `${prober.healthy ? 'healthy' : 'UNHEALTHY'} (${prober.controls?.passed ?? 0}/${prober.controls?.total ?? 0} controls)`;
  lines.push(`${label}${'prober'.padEnd(nameWidth)}${proberText}`);
  for (const reason of prober.reasons) lines.push(...wrap(printable(reason), evidenceIndent, evidenceIndent, columns));
  for (const explanation of diagnosis.consistentWith) lines.push(...wrap(`consistent with ${explanation}`, INDENT, `${INDENT}  `, columns));
  return lines;
}
