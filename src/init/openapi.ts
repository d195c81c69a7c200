// The parts of an OpenAPI 3 document that `init` reads: servers, and each path's GET operation
// with its parameters and responses. Local `$ref`s (`#/components/…`) are followed; anything
// else in the document is ignored, not validated (`init` drafts probes, it does not lint APIs).
import { z } from 'zod';
import { InitInputError } from './errors.js';
import { dataPath } from './read-input.js';

const parameterSchema = z.object({ name: z.string(), in: z.string(), required: z.boolean().optional() });
const mediaSchema = z.object({ schema: z.unknown().optional(), example: z.unknown().optional() });
const responseSchema = z.object({ content: z.record(z.string(), mediaSchema).optional() });

const operationSchema = z.object({
  operationId: z.string().optional(),
  summary: z.string().optional(),
  parameters: z.array(z.unknown()).optional(),
  responses: z.record(z.string(), z.unknown()).optional(),
  security: z.array(z.record(z.string(), z.unknown())).optional(),
});

const serverSchema = z.object({
  url: z.string(),
  variables: z.record(z.string(), z.object({ default: z.string() })).optional(),
});

const documentSchema = z.object({
  openapi: z.string().regex(/^3\.\d+(\.\d+)?/, 'expected an OpenAPI version 3.x'),
  servers: z.array(serverSchema).optional(),
  paths: z.record(z.string(), z.object({ parameters: z.array(z.unknown()).optional(), get: operationSchema.optional() })).optional(),
  security: z.array(z.record(z.string(), z.unknown())).optional(),
});

export type OpenApiDocument = z.output<typeof documentSchema>;
export type Operation = z.output<typeof operationSchema>;
export type Parameter = z.output<typeof parameterSchema>;
export type MediaType = z.output<typeof mediaSchema>;

/** The document, or an InitInputError saying why this is not OpenAPI 3. */
export function readOpenApi(data: unknown, file: string): { doc: OpenApiDocument; resolve: (value: unknown) => unknown } {
  if (typeof data === 'object' && data !== null && 'swagger' in data) {
    throw new InitInputError(`${file}: this is a Swagger 2 document; init reads OpenAPI 3 (convert it first, e.g. with swagger2openapi)`);
  }
  if (typeof data !== 'object' || data === null || !('openapi' in data)) {
    throw new InitInputError(`${file}: not an OpenAPI document: expected "openapi: 3.x" at the top`);
  }
  const parsed = documentSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InitInputError(`${file}: not an OpenAPI 3 document at ${dataPath(issue?.path ?? [])}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return { doc: parsed.data, resolve: (value) => resolveRef(data, value, file) };
}

/** A parameter (after `$ref`), or undefined when it is not shaped like one. */
export function asParameter(value: unknown): Parameter | undefined {
  const parsed = parameterSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A response's media types (after `$ref`). */
export function contentOf(value: unknown): Record<string, MediaType> {
  const parsed = responseSchema.safeParse(value);
  return parsed.success ? (parsed.data.content ?? {}) : {};
}

/** Follows local `$ref`s (`#/components/parameters/limit`), up to a depth that catches cycles. */
function resolveRef(root: unknown, value: unknown, file: string): unknown {
  let current = value;
  for (let depth = 0; depth < 32; depth++) {
    const ref = typeof current === 'object' && current !== null ? (current as { $ref?: unknown }).$ref : undefined;
    if (typeof ref !== 'string') return current;
    if (!ref.startsWith('#/')) throw new InitInputError(`${file}: $ref ${JSON.stringify(ref)} points outside the document; init reads one self-contained file (bundle it first)`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), root);
    if (current === undefined) throw new InitInputError(`${file}: $ref ${JSON.stringify(ref)} points at nothing in the document`);
  }
  throw new InitInputError(`${file}: $ref chain too deep (a cycle?)`);
}
