// The resolved configuration a run gets: its probes (each one of the registered kinds) and the
// run-wide settings. Durations are milliseconds, rates fractions, sizes bytes.
import type { ControlSpec } from '../config/types.js';
import type { NotifySettings } from '../config/notify.js';
import type { ProbeKind } from './kind.js';
import type { PROBE_KINDS } from './registry.js';

type Kinds = typeof PROBE_KINDS;

/** A kind's name as written in probes.yaml: a key of the registry. */
export type ProbeKindName = keyof Kinds;

/** Any resolved probe: the union of every registered kind's config, derived from the registry. */
export type ProbeConfig = { [K in ProbeKindName]: Kinds[K] extends ProbeKind<infer P> ? P : never }[ProbeKindName];

export interface RunConfig {
  /** The path as given on the command line: config errors name it. */
  file: string;
  vantage: string | null;
  concurrency: number;
  probes: ProbeConfig[];
  /** Values that must never reach any output (SPEC: secrets print as ***). */
  secrets: string[];
  /** `controls:`: run whatever --only and --surface select (empty without the key). */
  controls: ControlSpec[];
  /** The file's `notify:` section (state changes POSTed to a webhook); null when absent. */
  notify: NotifySettings | null;
}

/** Registry keys whose kind module resolves probes of another `kind` (a copy-paste slip). */
type MismatchedKeys = { [K in ProbeKindName]: Kinds[K] extends ProbeKind<infer P> ? (P['kind'] extends K ? never : K) : K }[ProbeKindName];

type MustBeTrue<T extends true> = T;

/** Compiles only while every registry key is the `kind` its module's probes carry. */
export type RegistryKeysMatchKinds = MustBeTrue<[MismatchedKeys] extends [never] ? true : false>;
