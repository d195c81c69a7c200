// Byte sizes as the file writes them: `512KiB`, `1MiB`, `100kB`, or a bare number of bytes.

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};
const SIZE = /^(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?$/i;

/** Whole bytes, or undefined when the value is not a size. Units are case-insensitive; KiB = 1024, kB = 1000. */
export function parseSize(value: string | number): number | undefined {
  let bytes: number;
  if (typeof value === 'number') {
    bytes = value;
  } else {
    const match = SIZE.exec(value.trim());
    if (!match?.[1]) return undefined;
    bytes = Number(match[1]) * (UNIT_BYTES[(match[2] ?? 'b').toLowerCase()] ?? 1);
  }
  return Number.isFinite(bytes) && bytes >= 0 ? Math.floor(bytes) : undefined;
}
