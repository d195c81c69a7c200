// Every probe kind, one line each. Adding a kind: its folder (schema, loader, runner, an index.ts
// exporting a ProbeKind), then one line here; its config joins ProbeConfig by itself.
// The order is the one `unknown kind` messages list. Each kind's runner stays a lazy import
// (see kind.ts): listing a kind here loads only its schema and loader.
import { flowKind } from './flow/index.js';
import { httpKind } from './http/index.js';
import { linksKind } from './links/index.js';

export const PROBE_KINDS = {
  http: httpKind,
  flow: flowKind,
  links: linksKind,
};
