import type { FactDef, FactValue } from '../facts/facts.js';
import { foldCondition } from './condition-walk.js';
import { describeComparison } from './condition-words.js';
import { boundaryNumbers, representatives, resolveArgument, specOf, type FactLookup, type Leaf } from './operators.js';

export type { FactLookup };
import type { ConditionInput } from './schema.js';

/** One comparison in a conjunction, possibly negated. */
export interface Literal {
  leaf: Leaf;
  negated: boolean;
}

/** A conjunction of literals; a condition in disjunctive normal form is a list of them. */
export type Term = Literal[];


/** Past this many terms a condition is not expanded: it is taken to be satisfiable (no false alarm). */
const TERM_LIMIT = 4096;

const NO_PARAMS: Readonly<Record<string, number>> = {};

/** Whether a value passes a literal; a literal a parameter leaves open never rules a value out. */
function admits(literal: Literal, value: FactValue): boolean {
  const resolved = resolveArgument(literal.leaf.arg, NO_PARAMS);
  if (resolved === undefined) return true;
  return (specOf(literal.leaf).holds as (arg: unknown, value: unknown) => boolean)(resolved, value) !== literal.negated;
}

/** Whether some value of the fact passes every literal on it, trying the operators' candidate values. */
export function factCanSatisfy(def: FactDef, literals: readonly Literal[]): boolean {
  const bounds = literals.flatMap((literal) => boundaryNumbers(literal.leaf, NO_PARAMS));
  return representatives(def, bounds).some((value) => literals.every((literal) => admits(literal, value)));
}

/** The condition in disjunctive normal form, negations pushed down to comparisons; null when it would be too large. */
export function toTerms(node: ConditionInput): Term[] | null {
  const terms = foldCondition<(negated: boolean) => Term[] | null>(node, {
    group: (kind, children) => (negated) => {
      const conjunctive = (kind === 'all') !== negated;
      const parts = children.map((child) => child(negated));
      if (parts.some((p) => p === null)) return null;
      if (!conjunctive) {
        const flat = (parts as Term[][]).flat();
        return flat.length > TERM_LIMIT ? null : flat;
      }
      let product: Term[] = [[]];
      for (const part of parts as Term[][]) {
        if (product.length * part.length > TERM_LIMIT) return null;
        product = product.flatMap((term) => part.map((other) => [...term, ...other]));
      }
      return product;
    },
    not: (child) => (negated) => child(!negated),
    compare: (leaf) => (negated) => [[{ leaf, negated }]],
  });
  return terms(false);
}

/** The first fact whose comparisons in this conjunction no value passes, with those comparisons in words. */
export function conflictIn(term: Term, facts: FactLookup): { fact: string; comparisons: string[] } | null {
  const byFact = new Map<string, Literal[]>();
  for (const literal of term) byFact.set(literal.leaf.fact, [...(byFact.get(literal.leaf.fact) ?? []), literal]);
  for (const [fact, literals] of byFact) {
    const def = facts(fact);
    if (def && !factCanSatisfy(def, literals)) return { fact, comparisons: [...new Set(literals.map((l) => describeComparison(l.leaf, l.negated)))] };
  }
  return null;
}

export type Satisfiability = { satisfiable: true } | { satisfiable: false; conflicts: { fact: string; comparisons: string[] }[] };

/** Whether any profile at all can make the condition hold, and if none can, why each way through it fails. */
export function satisfiability(node: ConditionInput, facts: FactLookup): Satisfiability {
  const terms = toTerms(node);
  if (terms === null) return { satisfiable: true };
  const conflicts: { fact: string; comparisons: string[] }[] = [];
  for (const term of terms) {
    const conflict = conflictIn(term, facts);
    if (!conflict) return { satisfiable: true };
    conflicts.push(conflict);
  }
  return { satisfiable: false, conflicts };
}
