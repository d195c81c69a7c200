// docs/diagnosis.md's scenario table, first third of the scenarios (diagnosis-scenarios.ts).
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/target/scenario-names.js';
import { expectScenarioRow, scenariosOfPart, table } from './diagnosis-scenarios.js';

describe('the scenario table in docs/diagnosis.md', () => {
  it('has one row per scenario', () => {
    expect([...table.keys()].sort()).toEqual([...SCENARIOS].sort());
  });

  it.each(scenariosOfPart(0))('%s: the demo diagnoses what the table says', expectScenarioRow);
});
