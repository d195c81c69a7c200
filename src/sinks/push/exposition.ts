// The series of a Prometheus text exposition, read back into values, so a push sends exactly what
// `--prom` writes. It reads the text upprobe's own reporter produces (src/report/prom.ts): one
// sample per line, no timestamps; anything else is reported, not guessed at.

export type MetricType = 'counter' | 'gauge' | 'summary' | 'histogram' | 'untyped';

export interface Sample {
  /** The series name (a summary's `_sum` and `_count` included). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const META = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/** Families in the order the text has them; throws on a line it cannot read. */
export function parseExposition(text: string): MetricFamily[] {
  const families = new Map<string, MetricFamily>();
  const familyOf = (name: string): MetricFamily => {
    let family = families.get(name);
    if (!family) {
      family = { name, type: 'untyped', help: '', samples: [] };
      families.set(name, family);
    }
    return family;
  };
  let current: MetricFamily | null = null;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const meta = META.exec(line);
    if (meta) {
      current = familyOf(meta[2] ?? '');
      if (meta[1] === 'TYPE') current.type = readType(meta[3] ?? '', index);
      else current.help = unescapeHelp(meta[3] ?? '');
      return;
    }
    if (line.startsWith('#')) return;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`line ${index + 1} is not a sample: ${line.slice(0, 80)}`);
    const name = sample[1] ?? '';
    const family: MetricFamily = current && belongsTo(name, current) ? current : familyOf(name);
    family.samples.push({ name, labels: readLabels(sample[2] ?? '', index), value: readValue(sample[3] ?? '', index) });
  });
  return [...families.values()];
}

function readType(word: string, index: number): MetricType {
  if (['counter', 'gauge', 'summary', 'histogram', 'untyped'].includes(word)) return word as MetricType;
  throw new Error(`line ${index + 1}: unknown metric type ${JSON.stringify(word)}`);
}

/** A summary's or histogram's series carry suffixes after the family's name. */
function belongsTo(name: string, family: MetricFamily): boolean {
  if (name === family.name) return true;
  const suffix = name.startsWith(family.name) ? name.slice(family.name.length) : null;
  if (family.type === 'summary') return suffix === '_sum' || suffix === '_count';
  if (family.type === 'histogram') return suffix === '_sum' || suffix === '_count' || suffix === '_bucket';
  return false;
}

function readLabels(body: string, index: number): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < body.length) {
    const match = LABEL.exec(body);
    if (!match) throw new Error(`line ${index + 1}: unreadable labels {${body.slice(0, 80)}}`);
    labels[match[1] ?? ''] = unescapeLabel(match[2] ?? '');
    if (match[3] === '') break;
  }
  return labels;
}

function readValue(text: string, index: number): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`line ${index + 1}: not a number: ${text}`);
  return value;
}

function unescapeLabel(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function unescapeHelp(text: string): string {
  return text.replace(/\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}
