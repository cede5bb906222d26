import { FACT_BY_NAME, type FactDef, type FactValue } from '../facts/facts.js';
import { describeComparison } from './condition-words.js';
import type { ConditionInput, Threshold } from './schema.js';

/** One comparison in a conjunction, possibly negated. */
export interface Literal {
  node: ConditionInput;
  negated: boolean;
}

/** A conjunction of literals; a condition in disjunctive normal form is a list of them. */
export type Term = Literal[];

/** Past this many terms a condition is not expanded: it is taken to be satisfiable (no false alarm). */
const TERM_LIMIT = 4096;

/** Whether a value passes a comparison, as the engine decides it; undefined when a parameter leaves it open. */
function passes(node: ConditionInput, value: FactValue): boolean | undefined {
  const numeric = (threshold: Threshold | undefined, test: (v: number, t: number) => boolean) => {
    if (threshold === undefined || typeof threshold !== 'number') return undefined;
    return typeof value === 'number' && test(value, threshold);
  };
  if (node.equals !== undefined) return value === node.equals;
  if (node.is !== undefined) return value === node.is;
  if (node.in !== undefined) return (node.in as FactValue[]).includes(value);
  if (node.gte !== undefined) return numeric(node.gte, (v, t) => v >= t);
  if (node.gt !== undefined) return numeric(node.gt, (v, t) => v > t);
  if (node.lte !== undefined) return numeric(node.lte, (v, t) => v <= t);
  if (node.lt !== undefined) return numeric(node.lt, (v, t) => v < t);
  if (node.between !== undefined) {
    const [low, high] = node.between;
    if (typeof low !== 'number' || typeof high !== 'number') return undefined;
    return typeof value === 'number' && value >= low && value <= high;
  }
  return undefined;
}

function constantsOf(node: ConditionInput): number[] {
  const values = [node.equals, ...(node.in ?? []), node.gte, node.gt, node.lte, node.lt, ...(node.between ?? [])];
  return values.filter((v): v is number => typeof v === 'number');
}

/**
 * Values of a fact that stand for every value: any set cut out by comparisons with constants is a union of
 * points and intervals between consecutive constants, so testing each constant, each gap and each side decides it.
 */
function representatives(def: FactDef, literals: readonly Literal[]): FactValue[] {
  if (def.type === 'enum') return [...def.values];
  if (def.type === 'boolean') return [true, false];
  const constants = [...new Set([def.min, ...(def.max === undefined ? [] : [def.max]), ...literals.flatMap((l) => constantsOf(l.node))])].sort((a, b) => a - b);
  const candidates = new Set<number>(constants);
  const first = constants[0]!;
  const last = constants[constants.length - 1]!;
  if (def.type === 'integer') {
    for (const c of constants) for (const v of [Math.floor(c) - 1, Math.floor(c), Math.floor(c) + 1, Math.ceil(c)]) candidates.add(v);
  } else {
    candidates.add(first - 1).add(last + 1);
    constants.forEach((c, i) => i > 0 && candidates.add((constants[i - 1]! + c) / 2));
  }
  return [...candidates].filter(
    (v) => v >= def.min && (def.max === undefined || v <= def.max) && (def.type !== 'integer' || Number.isInteger(v)),
  );
}

/** Whether some value of the fact passes every literal on it; literals a parameter leaves open never rule a value out. */
export function factCanSatisfy(def: FactDef, literals: readonly Literal[]): boolean {
  return representatives(def, literals).some((value) =>
    literals.every((literal) => {
      const result = passes(literal.node, value);
      return result === undefined || result !== literal.negated;
    }),
  );
}

/** The condition in disjunctive normal form, negations pushed down to comparisons; null when it would be too large. */
export function toTerms(node: ConditionInput, negated = false): Term[] | null {
  if (node.not) return toTerms(node.not, !negated);
  const group = node.all ?? node.any;
  if (group) {
    const conjunctive = (node.all !== undefined) !== negated;
    const parts = group.map((child) => toTerms(child, negated));
    if (parts.some((p) => p === null)) return null;
    if (!conjunctive) {
      const terms = (parts as Term[][]).flat();
      return terms.length > TERM_LIMIT ? null : terms;
    }
    let terms: Term[] = [[]];
    for (const part of parts as Term[][]) {
      if (terms.length * part.length > TERM_LIMIT) return null;
      terms = terms.flatMap((term) => part.map((other) => [...term, ...other]));
    }
    return terms;
  }
  if (negated && node.between !== undefined) {
    // not between [a, b] is a disjunction: below a, or above b.
    return [[{ node: { fact: node.fact, lt: node.between[0] }, negated: false }], [{ node: { fact: node.fact, gt: node.between[1] }, negated: false }]];
  }
  return [[{ node, negated }]];
}

/** The first fact whose comparisons in this conjunction no value passes, with those comparisons in words. */
export function conflictIn(term: Term): { fact: string; comparisons: string[] } | null {
  const byFact = new Map<string, Literal[]>();
  for (const literal of term) byFact.set(literal.node.fact!, [...(byFact.get(literal.node.fact!) ?? []), literal]);
  for (const [fact, literals] of byFact) {
    const def = FACT_BY_NAME.get(fact);
    if (def && !factCanSatisfy(def, literals)) return { fact, comparisons: [...new Set(literals.map((l) => describeComparison(l.node, l.negated)))] };
  }
  return null;
}

export type Satisfiability = { satisfiable: true } | { satisfiable: false; conflicts: { fact: string; comparisons: string[] }[] };

/** Whether any profile at all can make the condition hold, and if none can, why each way through it fails. */
export function satisfiability(node: ConditionInput): Satisfiability {
  const terms = toTerms(node);
  if (terms === null) return { satisfiable: true };
  const conflicts: { fact: string; comparisons: string[] }[] = [];
  for (const term of terms) {
    const conflict = conflictIn(term);
    if (!conflict) return { satisfiable: true };
    conflicts.push(conflict);
  }
  return { satisfiable: false, conflicts };
}
