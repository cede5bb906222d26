import type { FactValue, Profile } from '../facts/facts.js';
import { factsOf, foldCondition } from '../policy/condition-walk.js';
import { describeLeafTest } from '../policy/condition-words.js';
import { combine, FALSE, GROUPS, leafTruth, NOT, paramsOf, resolveArgument, settledTruth, showWith, subjectValue, TRUE, UNKNOWN, withParams, type Leaf, type OperatorName, type Readings, type Truth } from '../policy/operators.js';
import type { ConditionInput } from '../policy/schema.js';

export { factsOf, FALSE, TRUE, UNKNOWN, type Readings, type Truth };

const NO_READINGS: Readings = {};

export type Params = Readonly<Record<string, number>>;
export type CompiledCondition = (profile: Profile) => Truth;

/** A comparison on one fact (or a reading's test), as the engine explains it. */
export interface Comparison {
  /** The fact's name; for a reading's test (op `reading`), the reading's id. */
  fact: string;
  op: OperatorName;
  /** The test as data: ">= 6", "in [micro, small]" (a person reads it in the operator's words, from op and arg). */
  expected: string;
  /** The operator's argument, the supplied parameters resolved. */
  arg: Leaf['arg'];
}

function comparisonOf(leaf: Leaf, params: Params): Comparison {
  return { fact: leaf.fact, op: leaf.op, expected: describeLeafTest(leaf, showWith(params)), arg: withParams(leaf.arg, params) };
}

/** Parameters a comparison needs that were not supplied. */
const missingParamsOf = (leaf: Leaf, params: Params): string[] => paramsOf(leaf.arg).filter((param) => params[param] === undefined);

/**
 * Compiles a validated condition tree into a closure, once per policy load: each comparison decides by its
 * operator's entry in the table (leafTruth), each group by its Kleene unit and decisive value (GROUPS). A comparison
 * the parameters or the readings in force decide (settledTruth) is that constant.
 */
export function compileCondition(node: ConditionInput, params: Params, readings: Readings = NO_READINGS): CompiledCondition {
  return foldCondition<CompiledCondition>(node, {
    group: (kind, parts) => {
      const { unit, decisive } = GROUPS[kind];
      return (profile) => {
        let result: Truth = unit;
        for (const part of parts) {
          const value = part(profile);
          if (value === decisive) return decisive;
          if (value === UNKNOWN) result = UNKNOWN;
        }
        return result;
      };
    },
    not: (inner) => (profile) => NOT[inner(profile)]!,
    compare: (leaf) => {
      const settled = settledTruth(leaf, params, readings);
      if (settled !== undefined) return () => settled;
      const resolved = resolveArgument(leaf.arg, params);
      const fact = leaf.fact;
      return (profile) => leafTruth(leaf, resolved, profile[fact]);
    },
  });
}

export type TraceStatus = 'held' | 'failed' | 'unknown';
const STATUS: Record<Truth, TraceStatus> = { [FALSE]: 'failed', [TRUE]: 'held', [UNKNOWN]: 'unknown' };

export type Trace =
  | { kind: 'all' | 'any'; status: TraceStatus; children: Trace[] }
  | { kind: 'not'; status: TraceStatus; child: Trace }
  | (Comparison & { kind: 'compare'; status: TraceStatus; actual: FactValue | null; missingParams: string[] });

/** Evaluates a condition tree node by node, keeping every node's status for explanations: the evaluation of compileCondition, recorded. */
export function traceCondition(node: ConditionInput, profile: Profile, params: Params, readings: Readings = NO_READINGS): Trace {
  const truth = (status: TraceStatus): Truth => (status === 'held' ? TRUE : status === 'failed' ? FALSE : UNKNOWN);
  return foldCondition<Trace>(node, {
    group: (kind, children) => ({ kind, status: STATUS[combine(kind, children.map((child) => truth(child.status)))], children }),
    not: (child) => ({ kind: 'not', status: STATUS[NOT[truth(child.status)]!], child }),
    compare: (leaf) => {
      const value = subjectValue(leaf, profile, readings);
      return {
        kind: 'compare',
        ...comparisonOf(leaf, params),
        status: STATUS[settledTruth(leaf, params, readings) ?? leafTruth(leaf, resolveArgument(leaf.arg, params), value)],
        actual: value ?? null,
        missingParams: missingParamsOf(leaf, params),
      };
    },
  });
}

/**
 * One comparison that decided an item, with the applicant's value: `op` and `arg` (parameters resolved) are the
 * test, `negated` when it stands under a not; `expected` writes it as data (">= 6", "not = true").
 */
export interface ComparisonReason {
  fact: string;
  expected: string;
  actual: FactValue;
  op: OperatorName;
  arg: Leaf['arg'];
  negated?: true;
}

export interface Reasons {
  held: ComparisonReason[];
  unmet: ComparisonReason[];
  missing: string[];
  missingParams: string[];
}

/** Whether a trace node is a reading's test (its value fixed at compile time, not the applicant's). */
const isReadingTest = (node: Trace): boolean => node.kind === 'compare' && node.op === 'reading';

/**
 * Why a trace came out as it did: the comparisons that held, the ones that made it fail (with the
 * applicant's value against the threshold), and the facts or parameters still needed to decide it.
 * A reading's test is not the applicant's: a branch that fails because another reading is in force is left out,
 * and the reading is named as unmet only when nothing else made the condition fail.
 */
export function reasonsOf(trace: Trace): Reasons {
  const reasons: Reasons = { held: [], unmet: [], missing: [], missingParams: [] };
  const readingsAgainst: Reasons['unmet'] = [];
  const flip = (status: TraceStatus, negated: boolean): TraceStatus =>
    !negated || status === 'unknown' ? status : status === 'held' ? 'failed' : 'held';
  const walk = (node: Trace, negated: boolean): void => {
    const effective = flip(node.status, negated);
    if (node.kind === 'compare') {
      if (effective === 'unknown') {
        if (node.actual === null && !reasons.missing.includes(node.fact)) reasons.missing.push(node.fact);
        for (const param of node.missingParams) if (!reasons.missingParams.includes(param)) reasons.missingParams.push(param);
        return;
      }
      const entry: ComparisonReason = { fact: node.fact, expected: negated ? `not ${node.expected}` : node.expected, actual: node.actual!, op: node.op, arg: node.arg, ...(negated ? { negated: true as const } : {}) };
      if (isReadingTest(node)) {
        if (effective === 'failed') readingsAgainst.push(entry);
        return;
      }
      (effective === 'held' ? reasons.held : reasons.unmet).push(entry);
      return;
    }
    if (node.kind === 'not') return walk(node.child, !negated);
    // Under negation an `any` behaves as an `all` (De Morgan): both show what held beside what decided.
    const conjunctive = (node.kind === 'all') !== negated;
    const readingAgainst = node.children.find((child) => isReadingTest(child) && flip(child.status, negated) === 'failed');
    if (conjunctive && effective === 'failed' && readingAgainst) return walk(readingAgainst, negated);
    for (const child of node.children) {
      const childEffective = flip(child.status, negated);
      if (childEffective === effective || (conjunctive && childEffective === 'held')) walk(child, negated);
    }
  };
  walk(trace, false);
  if (reasons.unmet.length === 0 && flip(trace.status, false) === 'failed') reasons.unmet.push(...readingsAgainst);
  return reasons;
}
