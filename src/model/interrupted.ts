// Thrown through a sample's promise when the run is interrupted (Ctrl-C): not a failure of the
// sample, so no class; the scheduler drops the sample and the run reports what it measured.

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}
