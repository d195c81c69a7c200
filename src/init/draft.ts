// A probes file being drafted by `init` (and `check`): probes sketched from URLs, a HAR file or an
// OpenAPI document, then assembled into plain data in the file's own format, with comments that
// say why each probe looks the way it does.
import type { Surface } from '../model/surface.js';

/** A response the draft is based on: one seen (URL), recorded (HAR) or described (OpenAPI). */
export interface ResponseSeen {
  status: number;
  /** The media type without parameters, lowercased; undefined when the response had none. */
  contentType: string | undefined;
  /** The body when it could be read; a HAR file may leave it out. */
  body: string | undefined;
}

/** A probe before ids and base URL are settled: its URLs are absolute. */
export type ProbeSketch = {
  /** Lines written above the probe, without the "# ". */
  comment: string[];
  surface: Surface;
} & (
  | { kind: 'http'; url: URL; headers?: Record<string, string>; expect?: Record<string, unknown> }
  | { kind: 'links'; name: string; urls: URL[]; expect?: Record<string, unknown> }
);

/** One probe as it will be written (`id`, `kind`, `surface`, `request`, …), with its comment lines. */
export interface DraftProbe {
  comment: string[];
  probe: Record<string, unknown>;
}

/** A whole probes file: its header comment, `defaults` and probes. */
export interface DraftFile {
  /** Lines written at the top of the file (after the schema line), without the "# ". */
  header: string[];
  defaults: Record<string, unknown>;
  /** Lines written above `defaults`. */
  defaultsComment: string[];
  probes: DraftProbe[];
}

/** What one source (URLs, a HAR file, an OpenAPI document) contributes. */
export interface SourceDraft {
  /** The origin its URLs are mostly on: the page's, the server's. */
  origin: string | undefined;
  probes: ProbeSketch[];
  /** Said in the file's header: what was left out and why. */
  notes: string[];
}
