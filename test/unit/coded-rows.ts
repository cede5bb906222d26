import { codedRowEvaluator, type RowResult } from '../../src/batch/evaluate-row.js';
import { codeOf } from '../../src/batch/row-coder.js';
import type { CompiledPolicy } from '../../src/engine/evaluate.js';
import type { Profile } from '../../src/facts/facts.js';
import { FACT_BY_NAME, FACTS } from '../support/facts.js';

export const ALL_FACTS: readonly string[] = FACTS.map((def) => def.name);

/** What the CSV reader makes of a row whose columns are `columns` and whose cells hold the profile's values. */
export function codeProfile(columns: readonly string[], profile: Profile): Float64Array {
  return Float64Array.from(columns, (fact) => codeOf(FACT_BY_NAME.get(fact)!, profile[fact]));
}

/** The batch's evaluation of a profile, through its coded row over `columns` (every fact by default). */
export function profileEvaluator(compiled: CompiledPolicy, asOf: string, columns: readonly string[] = ALL_FACTS): (profile: Profile) => RowResult {
  const evaluateRow = codedRowEvaluator(compiled, asOf, columns);
  return (profile) => evaluateRow(codeProfile(columns, profile), 0);
}
