// Edge recognition: the provider table and the function that reads headers against it.
export { EDGE_HEADER_NAMES, EDGE_PROVIDERS, type EdgeProvider, type HeaderSign } from './providers.js';
export { describeEdge, isOriginUnreachable, recogniseEdge, type EdgeHeaders, type EdgeSighting } from './recognise.js';
export { pickEdgeHeaders } from './pick.js';
