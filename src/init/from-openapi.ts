// `upprobe init --from-openapi FILE`: every GET operation that needs no parameter and no
// credentials becomes an http probe on surface api; the server URL becomes `defaults.baseUrl`.
import type { ProbeSketch, SourceDraft } from './draft.js';
import { InitInputError } from './errors.js';
import { firstJsonKey } from './guess.js';
import { parseHttpUrl } from './http-url.js';
import { asParameter, contentOf, readOpenApi, type OpenApiDocument, type Operation } from './openapi.js';
import { parseJsonOrYaml } from './read-input.js';

/** Sketches probes from an OpenAPI 3 document's text (JSON or YAML); `baseUrl` overrides its servers. */
export function draftFromOpenApi(text: string, file: string, baseUrl: URL | undefined): SourceDraft {
  const { doc, resolve } = readOpenApi(parseJsonOrYaml(text, file, 'an OpenAPI document'), file);
  const server = serverUrl(doc, file, baseUrl);
  const prefix = server.pathname.replace(/\/+$/, '');
  const probes: ProbeSketch[] = [];
  const skipped: string[] = [];

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const op = item.get;
    if (op === undefined) continue;
    const why = reasonToSkip(path, [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve), op, doc);
    if (why !== undefined) {
      skipped.push(`GET ${path} (${why})`);
      continue;
    }
    const url = new URL(`${prefix}${path}`, server.origin);
    const { expect, notes } = expectFromResponses(op, resolve);
    const title = [op.summary, op.operationId && `operationId ${op.operationId}`].filter(Boolean).join(', ');
    probes.push({
      comment: [`GET ${path}${title ? `: ${title}` : ''}`, 'surface api: an operation of the OpenAPI document', ...notes],
      kind: 'http',
      surface: 'api',
      url,
      ...(expect.json !== undefined && { headers: { accept: 'application/json' } }),
      expect,
    });
  }
  if (probes.length === 0 && skipped.length === 0) throw new InitInputError(`${file}: the OpenAPI document has no GET operation to probe`);
  const notes = skipped.length > 0 ? ['not probed from the OpenAPI document (each needs something init cannot make up):', ...skipped.map((s) => `  ${s}`)] : [];
  return { origin: server.origin, probes, notes };
}

/** `--base-url`, else `servers[0].url` with its variables' defaults filled in. */
function serverUrl(doc: OpenApiDocument, file: string, flag: URL | undefined): URL {
  if (flag !== undefined) return flag;
  const server = doc.servers?.[0];
  if (server === undefined) throw new InitInputError(`${file}: the OpenAPI document names no server; pass --base-url <url> to say where the API runs`);
  const filled = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? `{${name}}`);
  const url = parseHttpUrl(filled);
  if (!(url instanceof URL)) {
    throw new InitInputError(`${file}: servers[0].url ${JSON.stringify(server.url)} is not an absolute http(s) URL; pass --base-url <url> to say where the API runs`);
  }
  return url;
}

/** Why an operation cannot be probed as it stands (a parameter to make up, credentials), if so. */
function reasonToSkip(path: string, parameters: unknown[], op: Operation, doc: OpenApiDocument): string | undefined {
  if (/\{[^}]+\}/.test(path)) return 'a path parameter';
  const required = parameters.map(asParameter).filter((p) => p !== undefined && (p.required === true || p.in === 'path'));
  if (required.length > 0) return `required parameter ${required.map((p) => `${p?.name} (${p?.in})`).join(', ')}`;
  const security = op.security ?? doc.security ?? [];
  const anonymous = security.length === 0 || security.some((alternative) => Object.keys(alternative).length === 0);
  if (!anonymous) return `needs credentials: ${security.flatMap((s) => Object.keys(s)).join(' or ')}`;
  return undefined;
}

/** The first 2xx response's status, content type and, for JSON, a key its example or schema promises. */
function expectFromResponses(op: Operation, resolve: (value: unknown) => unknown): { expect: Record<string, unknown>; notes: string[] } {
  const codes = Object.keys(op.responses ?? {}).filter((code) => /^2(\d\d|XX)$/i.test(code)).sort();
  const [code] = codes;
  if (code === undefined) return { expect: {}, notes: ['the document lists no 2xx response; the probe expects any 2xx'] };
  const expect: Record<string, unknown> = { status: /XX$/i.test(code) ? '2xx' : Number(code) };
  const content = contentOf(resolve(op.responses?.[code]));
  const jsonType = Object.keys(content).find((type) => /json/i.test(type));
  const notes: string[] = [];
  if (jsonType !== undefined) {
    expect.headers = { 'content-type': { matches: 'json' } };
    const media = content[jsonType];
    const key = firstJsonKey(media?.example === undefined ? undefined : JSON.stringify(media.example)) ?? keyFromSchema(resolve(media?.schema));
    if (key !== undefined) {
      expect.json = { [key]: { exists: true } };
      notes.push(`${key}: the document's response ${media?.example === undefined ? 'schema lists it' : 'example holds it'}`);
    }
  } else if (Object.keys(content).length > 0) {
    const [type] = Object.keys(content);
    if (type !== undefined && !type.includes('*')) expect.headers = { 'content-type': { matches: type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } };
  }
  return { expect, notes };
}

/** `$.name` of the schema's first required property (else its first property), for an object schema. */
function keyFromSchema(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const { required, properties } = schema as { required?: unknown; properties?: unknown };
  const names = [
    ...(Array.isArray(required) ? required.filter((n): n is string => typeof n === 'string') : []),
    ...(typeof properties === 'object' && properties !== null ? Object.keys(properties) : []),
  ];
  const name = names.find((n) => /^[\p{L}\p{N}_$-]+$/u.test(n));
  return name === undefined ? undefined : `$.${name}`;
}
