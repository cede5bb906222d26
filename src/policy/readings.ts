import type { FactDef, Label } from '../facts/facts.js';

/**
 * Readings: the clauses of the document that admit more than one reading, each named with its options, the option
 * applied by default and why. Declared as data in the policy folder's readings.yaml (see readings-file.ts); a
 * condition tests one with `{reading: ID, is: OPTION}`, and a run may put another option in force (--reading).
 */
export interface ReadingOption {
  id: string;
  label: Label;
}

export interface ReadingDef {
  id: string;
  measure: number;
  /** The words of the clause, verbatim from the source text. */
  clause: string;
  /** The question the reading answers. */
  question: Label;
  options: ReadingOption[];
  /** The option in force unless a run chooses another. */
  default: string;
  /** Why the default, from the text. */
  rationale: Label;
}

/** The reading declared with this id. */
export function readingNamed(readings: readonly ReadingDef[], id: string): ReadingDef | undefined {
  return readings.find((reading) => reading.id === id);
}

/**
 * A reading as the satisfiability machinery sees it: an enum whose values are the options. A condition tests a
 * reading with the same equality as an enum fact, so whether a combination of tests can hold is decided alike.
 */
export function readingAsFact(reading: ReadingDef): FactDef {
  return {
    name: reading.id,
    type: 'enum',
    label: reading.question,
    help: reading.question,
    changeable: false,
    values: reading.options.map((option) => option.id),
    valueLabels: Object.fromEntries(reading.options.map((option) => [option.id, option.label])),
  };
}
