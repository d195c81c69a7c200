// What a result says about its probe: enough to name, group and label it, nothing of its
// request. A reporter never sees headers (or the secrets in them), and a result rebuilt from a
// JSON report (a merge of several vantage points) has exactly this much.
import type { Surface } from './surface.js';

export interface ProbeRef {
  id: string;
  /** The probe's kind as written in probes.yaml (`http`, `flow`, `links`, …). */
  kind: string;
  surface: Surface;
  tags: string[];
}
