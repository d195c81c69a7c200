// docs/diagnosis.md's scenario table, second third of the scenarios (diagnosis-scenarios.ts).
import { describe, it } from 'vitest';
import { expectScenarioRow, scenariosOfPart } from './diagnosis-scenarios.js';

describe('the scenario table in docs/diagnosis.md', () => {
  it.each(scenariosOfPart(1))('%s: the demo diagnoses what the table says', expectScenarioRow);
});
