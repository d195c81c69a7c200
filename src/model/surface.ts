// SPEC's surfaces: every probe says which one it watches, so a report can tell "the app's API is
// down" from "the website is down".

export type Surface = 'api' | 'web';
export const SURFACES: readonly Surface[] = ['api', 'web'];
