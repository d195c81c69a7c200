// "Did you mean …?" for an unknown key: a near spelling of an allowed key (`timout` → `timeout`),
// or the place the key belongs one level down (`url` beside `id` → `request.url`).
import leven from 'leven';
import type { z } from 'zod';

/** A key this close to an allowed one is taken for a typo of it (one edit per ~3 letters, at most 2). */
function closeEnough(key: string, allowed: string): boolean {
  const distance = leven(key.toLowerCase(), allowed.toLowerCase());
  return distance <= Math.min(2, Math.max(1, Math.floor(allowed.length / 3)));
}

/** The parts of a zod definition this module looks through. */
interface Def {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
}

/** The schema without optional, default and transform wrappers. */
function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const def = current._zod.def as Def;
    if (def.type !== 'pipe' && def.innerType === undefined) return current;
    current = def.type === 'pipe' ? def.in : def.innerType;
  }
  return undefined;
}

/** The keys of an object schema, looking through its wrappers. */
function objectShape(schema: z.core.$ZodType | undefined): Record<string, z.core.$ZodType> | undefined {
  const def = unwrap(schema)?._zod.def as Def | undefined;
  return def?.type === 'object' ? def.shape : undefined;
}

/** The schema that checks the value at `path` inside `schema` (keys, list indexes, record values). */
export function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = schema;
  for (const segment of path) {
    const def = unwrap(current)?._zod.def as Def | undefined;
    if (def === undefined) return undefined;
    if (def.type === 'object') current = def.shape?.[String(segment)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
  }
  return current;
}

/** `: did you mean "x"?` to follow "unknown key …", or '' when no allowed key comes close and no nested mapping has the key. */
export function suggestKey(key: string, schema: z.core.$ZodType): string {
  const shape = objectShape(schema);
  if (shape === undefined) return '';
  const allowed = Object.keys(shape);
  const typo = allowed.find((name) => name.toLowerCase() === key.toLowerCase()) ?? allowed.find((name) => closeEnough(key, name));
  if (typo !== undefined) return `: did you mean "${typo}"?`;
  const homes = allowed.filter((name) => {
    const inner = objectShape(shape[name]);
    return inner !== undefined && Object.keys(inner).some((k) => k === key || closeEnough(key, k));
  });
  if (homes.length === 0) return '';
  const nested = homes.map((home) => {
    const inner = Object.keys(objectShape(shape[home]) ?? {});
    return `${home}.${inner.includes(key) ? key : (inner.find((k) => closeEnough(key, k)) ?? key)}`;
  });
  return `: did you mean ${nested.map((n) => `"${n}"`).join(' or ')}?`;
}
