// The diagnosis: one pure function, its input and output types, the rule table and the vocabulary.
export { diagnose, DOWN_FAILURE_RATE, LAYER_PHRASES } from './diagnose.js';
export { diagnoseRun } from './from-result.js';
export { emptyEvidence, MAX_ADDRESSES, MAX_STATUSES, type ProbeEvidence, type StatusEvidence } from '../../model/evidence.js';
export { LAYER_RULES, type FindingKind, type LayerRule } from './rules.js';
export { LAYERS, type ControlOutcome, type Diagnosis, type DiagnosisInput, type Layer, type ProbeFacts, type ProbeRef, type ProberDiagnosis, type SurfaceDiagnosis, type SurfaceState } from './types.js';
export { CONSISTENT_WITH } from './vocabulary.js';
