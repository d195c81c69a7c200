// SPEC "Reaching real services the way their users do": the fields allowed in `defaults`, at a
// probe's top level, in an http probe's `request` and in a flow step's `request` (the nearest
// wins), checked and resolved into the transport options the connections use.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve as resolvePath } from 'node:path';
import { createSecureContext } from 'node:tls';
import { z } from 'zod';
import { parseProxy, ProxyConfigError } from '../http/proxy.js';
import type { TransportOptions } from '../http/transport.js';
import { fill, type LoadContext, type VariableScope } from './context.js';
import { booleanField, field, textField } from './fields.js';
import type { DataPath } from './positions.js';
import type { ReachSpec } from './types.js';

/** The fields as written; their strings may still hold `${…}`. */
export const reachFields = {
  proxy: textField
    .optional()
    .describe('Send requests through this HTTP proxy (http://user:${secret.P}@host:port; https goes through CONNECT), or none. Without it, HTTPS_PROXY, HTTP_PROXY and NO_PROXY apply.'),
  http2: booleanField.optional().describe('Offer HTTP/2 by ALPN on https, HTTP/1.1 the fallback (default true); false speaks HTTP/1.1 only.'),
  ca: textField.optional().describe('A PEM bundle trusted in addition to the system store, relative to the probes file. NODE_EXTRA_CA_CERTS works too.'),
  cert: textField.optional().describe('Client certificate (PEM) for mTLS, relative to the probes file; goes with key.'),
  key: textField.optional().describe('Private key (PEM) of the client certificate, relative to the probes file.'),
  passphrase: textField.optional().describe('Passphrase of an encrypted key: use ${secret.NAME}.'),
  resolve: z
    .record(z.string(), textField)
    .optional()
    .describe('Like curl --resolve: { "host[:port]": "address" } connects there while Host and SNI keep the URL host.'),
  resolver: textField.optional().describe('Ask this DNS server (IP address, optional port: "10.0.0.2:53") instead of the system resolver.'),
  ipFamily: field('4 or 6', (v) => (v === 4 || v === 6 ? v : undefined))
    .meta({ enum: [4, 6] })
    .optional()
    .describe('Use only IPv4 (4) or IPv6 (6); default either, as a browser does.'),
  decompress: booleanField
    .optional()
    .describe('Send accept-encoding: gzip, deflate, br and check bodies decoded (default false); maxBodySize bounds wire and decoded bytes.'),
  auth: z
    .strictObject({
      basic: z
        .strictObject({
          user: z.string().describe('User name for HTTP Basic authentication.'),
          password: z.string().describe('Password for HTTP Basic authentication: use ${secret.NAME}. Masked like a secret.'),
        })
        .describe('HTTP Basic authentication: { user, password }.'),
    })
    .optional()
    .describe('Authentication: { basic: { user, password } }. user:pass@ in a URL is sent as Basic too.'),
};

export type ReachInput = Partial<z.output<z.ZodObject<typeof reachFields>>>;
type ReachKey = keyof typeof reachFields;
const REACH_KEYS = Object.keys(reachFields) as ReachKey[];

/** Each field's value and the place it was written (for messages about it). */
export type ReachLayers = Partial<{ [K in ReachKey]: { value: NonNullable<ReachInput[K]>; path: DataPath } }>;

/** Adds a layer (defaults, then probe, then request): a field it sets replaces the one below. */
export function layerReach(below: ReachLayers, input: ReachInput | undefined, path: DataPath): ReachLayers {
  if (!input) return below;
  let layers = below;
  for (const key of REACH_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (layers === below) layers = { ...below };
    (layers as Record<string, unknown>)[key] = { value, path: [...path, key] };
  }
  return layers;
}


const NONE: ReachSpec = { transport: {}, decompress: false };

/**
 * Resolves the layered fields: strings interpolated, files read (relative to the probes file),
 * addresses and the proxy URL checked; problems reported where each field was written. Equal
 * settings give the same `transport` object, so connections and TLS contexts are shared.
 */
export function resolveReach(layers: ReachLayers, ctx: LoadContext, scope: VariableScope): ReachSpec | null {
  if (Object.keys(layers).length === 0) return NONE;
  let ok = true;
  const problem = (path: DataPath, message: string) => {
    ctx.report(path, message);
    ok = false;
  };
  const text = (entry: { value: string; path: DataPath } | undefined): string | undefined => {
    if (!entry) return undefined;
    const filled = fill(ctx, entry.value, entry.path, scope);
    if (filled === null) ok = false;
    return filled?.value;
  };
  const transport: TransportOptions = {};

  const proxy = text(layers.proxy);
  if (proxy !== undefined && layers.proxy) {
    if (proxy.trim().toLowerCase() === 'none') transport.proxy = 'none';
    else {
      try {
        parseProxy(proxy);
        transport.proxy = proxy;
        maskUrlPassword(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`, ctx);
      } catch (err) {
        problem(layers.proxy.path, err instanceof ProxyConfigError ? err.message.replace(/^proxy:? ?/, '') : 'expected http://host:port or none');
      }
    }
  }
  if (layers.http2) transport.http2 = layers.http2.value;
  if (layers.ipFamily) transport.ipFamily = layers.ipFamily.value;

  for (const name of ['ca', 'cert', 'key'] as const) {
    const entry = layers[name];
    const path = text(entry);
    if (path === undefined || !entry) continue;
    const content = readPem(ctx, path);
    if (typeof content === 'string') transport[name] = content;
    else problem(entry.path, content.error);
  }
  const passphrase = text(layers.passphrase);
  if (passphrase !== undefined) {
    transport.passphrase = passphrase;
    addSecret(ctx, passphrase);
  }
  if ((transport.cert === undefined) !== (transport.key === undefined) && ok) {
    const given = layers.cert ?? layers.key;
    if (given) problem(given.path, 'cert and key go together: set both (a client certificate and its private key)');
  }
  if (ok && (transport.ca !== undefined || transport.cert !== undefined)) {
    // A wrong passphrase or a key that does not match its certificate: said now, not at every sample.
    try {
      createSecureContext({ ca: transport.ca, cert: transport.cert, key: transport.key, passphrase: transport.passphrase });
    } catch (err) {
      const at = layers.key ?? layers.cert ?? layers.ca;
      if (at) problem(at.path, `the certificate files cannot be used: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  if (layers.resolve) {
    const resolve: Record<string, string> = {};
    for (const [host, template] of Object.entries(layers.resolve.value)) {
      const at = [...layers.resolve.path, host];
      const filled = fill(ctx, template, at, scope);
      if (filled === null) {
        ok = false;
        continue;
      }
      const address = filled.value.replace(/^\[(.*)\]$/, '$1');
      if (isIP(address) === 0) problem(at, `expected an IP address to connect to, got ${JSON.stringify(filled.display)}`);
      else if (!/^(\[[0-9a-f:.]+\]|[^\s:/[\]]+)(:\d{1,5})?$/i.test(host)) problem(at, 'expected a key like "host" or "host:port"');
      else resolve[host.toLowerCase()] = address;
    }
    transport.resolve = resolve;
  }
  const resolver = text(layers.resolver);
  if (resolver !== undefined && layers.resolver) {
    if (isResolverAddress(resolver)) transport.resolver = resolver;
    else problem(layers.resolver.path, 'expected the IP address of a DNS server, with an optional port ("10.0.0.2", "10.0.0.2:53", "[::1]:5353")');
  }

  let basicAuth: ReachSpec['basicAuth'];
  if (layers.auth) {
    const { basic } = layers.auth.value;
    const user = fill(ctx, basic.user, [...layers.auth.path, 'basic', 'user'], scope);
    const password = fill(ctx, basic.password, [...layers.auth.path, 'basic', 'password'], scope);
    if (user === null || password === null) ok = false;
    else {
      basicAuth = { user: user.value, password: password.value };
      // Masked like a secret everywhere, however it was written.
      addSecret(ctx, password.value);
    }
  }
  if (!ok) return null;
  return { transport: intern(transport), decompress: layers.decompress?.value ?? false, ...(basicAuth && { basicAuth }) };
}

/** The password of `user:pass@` in a request URL: sent as Basic auth, masked like a secret. */
export function maskUrlPassword(url: string, ctx: LoadContext): void {
  if (!URL.canParse(url)) return;
  const { password } = new URL(url);
  if (password === '') return;
  addSecret(ctx, password);
  const decoded = safeDecode(password);
  if (decoded !== password) addSecret(ctx, decoded);
}

function addSecret(ctx: LoadContext, value: string): void {
  if (value !== '') ctx.secrets.add(value);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isResolverAddress(text: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return isIP(bracketed[1]!) === 6 && portOk(bracketed[2]);
  if (isIP(text) !== 0) return true;
  const withPort = /^([^:]+):(\d{1,5})$/.exec(text);
  return withPort !== null && isIP(withPort[1]!) === 4 && portOk(withPort[2]);
}

function portOk(port: string | undefined): boolean {
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** PEM files are read once per load, wherever they are named. */
const pemCaches = new WeakMap<LoadContext, Map<string, string | { error: string }>>();

function readPem(ctx: LoadContext, path: string): string | { error: string } {
  const full = resolvePath(ctx.file ? dirname(ctx.file) : '.', path);
  let pemCache = pemCaches.get(ctx);
  if (!pemCache) pemCaches.set(ctx, (pemCache = new Map<string, string | { error: string }>()));
  let cached = pemCache.get(full);
  if (cached === undefined) {
    try {
      const content = readFileSync(full, 'utf8');
      cached = content.includes('-----BEGIN ') ? content : { error: `${path} is not a PEM file (no "-----BEGIN" line)` };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      cached = { error: `cannot read ${path} (${code === 'ENOENT' ? 'no such file' : code})` };
    }
    pemCache.set(full, cached);
  }
  return cached;
}

/** One object per distinct setting: pools, connectors and TLS contexts are built once for each. */
const interned = new Map<string, TransportOptions>();

function intern(transport: TransportOptions): TransportOptions {
  const key = JSON.stringify(Object.entries(transport).sort(([a], [b]) => (a < b ? -1 : 1)));
  const known = interned.get(key);
  if (known) return known;
  interned.set(key, transport);
  return transport;
}
