import type { FactValue, Profile } from '../facts/facts.js';
import { describeTest, describeThreshold } from '../policy/condition-words.js';
import type { ConditionInput, Threshold } from '../policy/schema.js';
import { COMPARISONS, type Operator } from '../policy/words.js';

/** Kleene truth values, small integers so the compiled closures stay monomorphic. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

export type Params = Readonly<Record<string, number>>;
export type CompiledCondition = (profile: Profile) => Truth;


/** A comparison on one fact, as the engine explains it. */
export interface Comparison {
  fact: string;
  op: Operator;
  /** The threshold in words: ">= 6", "in [micro, small]". */
  expected: string;
}

export function comparisonOf(node: ConditionInput, params: Params): Comparison {
  const op = COMPARISONS.find((key) => node[key] !== undefined)!;
  const show = (threshold: Threshold) =>
    typeof threshold === 'object' && params[threshold.param] !== undefined ? String(params[threshold.param]) : describeThreshold(threshold);
  return { fact: node.fact!, op, expected: describeTest(node, show) };
}

/** Parameters a comparison needs that were not supplied. */
function missingParamsOf(node: ConditionInput, params: Params): string[] {
  const thresholds = [node.gte, node.gt, node.lte, node.lt, ...(node.between ?? [])];
  return thresholds.flatMap((t) => (t !== undefined && typeof t === 'object' && params[t.param] === undefined ? [t.param] : []));
}

const resolve = (threshold: Threshold, params: Params): number =>
  typeof threshold === 'number' ? threshold : params[threshold.param]!;

function compileComparison(node: ConditionInput, params: Params): CompiledCondition {
  const fact = node.fact!;
  if (missingParamsOf(node, params).length > 0) return () => UNKNOWN;
  const numeric = (test: (value: number) => boolean): CompiledCondition => (profile) => {
    const value = profile[fact];
    if (value === undefined) return UNKNOWN;
    return typeof value === 'number' && test(value) ? TRUE : FALSE;
  };
  if (node.equals !== undefined || node.is !== undefined) {
    const target = node.equals ?? node.is;
    return (profile) => {
      const value = profile[fact];
      return value === undefined ? UNKNOWN : value === target ? TRUE : FALSE;
    };
  }
  if (node.in !== undefined) {
    const allowed = new Set<FactValue>(node.in);
    return (profile) => {
      const value = profile[fact];
      return value === undefined ? UNKNOWN : allowed.has(value) ? TRUE : FALSE;
    };
  }
  if (node.gte !== undefined) {
    const t = resolve(node.gte, params);
    return numeric((v) => v >= t);
  }
  if (node.gt !== undefined) {
    const t = resolve(node.gt, params);
    return numeric((v) => v > t);
  }
  if (node.lte !== undefined) {
    const t = resolve(node.lte, params);
    return numeric((v) => v <= t);
  }
  if (node.lt !== undefined) {
    const t = resolve(node.lt, params);
    return numeric((v) => v < t);
  }
  const low = resolve(node.between![0], params);
  const high = resolve(node.between![1], params);
  return numeric((v) => v >= low && v <= high);
}

/** Compiles a validated condition tree into a closure, once per policy load. */
export function compileCondition(node: ConditionInput, params: Params): CompiledCondition {
  if (node.all) {
    const parts = node.all.map((child) => compileCondition(child, params));
    return (profile) => {
      let result: Truth = TRUE;
      for (const part of parts) {
        const value = part(profile);
        if (value === FALSE) return FALSE;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    };
  }
  if (node.any) {
    const parts = node.any.map((child) => compileCondition(child, params));
    return (profile) => {
      let result: Truth = FALSE;
      for (const part of parts) {
        const value = part(profile);
        if (value === TRUE) return TRUE;
        if (value === UNKNOWN) result = UNKNOWN;
      }
      return result;
    };
  }
  if (node.not) {
    const inner = compileCondition(node.not, params);
    return (profile) => {
      const value = inner(profile);
      return value === UNKNOWN ? UNKNOWN : value === TRUE ? FALSE : TRUE;
    };
  }
  return compileComparison(node, params);
}

export type TraceStatus = 'held' | 'failed' | 'unknown';
const STATUS: Record<Truth, TraceStatus> = { [FALSE]: 'failed', [TRUE]: 'held', [UNKNOWN]: 'unknown' };

export type Trace =
  | { kind: 'all' | 'any'; status: TraceStatus; children: Trace[] }
  | { kind: 'not'; status: TraceStatus; child: Trace }
  | (Comparison & { kind: 'compare'; status: TraceStatus; actual: FactValue | null; missingParams: string[] });

/** Evaluates a condition tree node by node, keeping every node's status for explanations. */
export function traceCondition(node: ConditionInput, profile: Profile, params: Params): Trace {
  if (node.all || node.any) {
    const kind = node.all ? 'all' : 'any';
    const children = (node.all ?? node.any)!.map((child) => traceCondition(child, profile, params));
    const statuses = new Set(children.map((child) => child.status));
    const decisive = kind === 'all' ? 'failed' : 'held';
    const status: TraceStatus = statuses.has(decisive) ? decisive : statuses.has('unknown') ? 'unknown' : kind === 'all' ? 'held' : 'failed';
    return { kind, status, children };
  }
  if (node.not) {
    const child = traceCondition(node.not, profile, params);
    const status: TraceStatus = child.status === 'unknown' ? 'unknown' : child.status === 'held' ? 'failed' : 'held';
    return { kind: 'not', status, child };
  }
  const value = profile[node.fact!];
  return {
    kind: 'compare',
    ...comparisonOf(node, params),
    status: STATUS[compileComparison(node, params)(profile)],
    actual: value ?? null,
    missingParams: missingParamsOf(node, params),
  };
}

export interface Reasons {
  held: { fact: string; expected: string; actual: FactValue }[];
  unmet: { fact: string; expected: string; actual: FactValue }[];
  missing: string[];
  missingParams: string[];
}

/**
 * Why a trace came out as it did: the comparisons that held, the ones that made it fail (with the
 * applicant's value against the threshold), and the facts or parameters still needed to decide it.
 */
export function reasonsOf(trace: Trace): Reasons {
  const reasons: Reasons = { held: [], unmet: [], missing: [], missingParams: [] };
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
      const entry = { fact: node.fact, expected: negated ? `not ${node.expected}` : node.expected, actual: node.actual! };
      (effective === 'held' ? reasons.held : reasons.unmet).push(entry);
      return;
    }
    if (node.kind === 'not') return walk(node.child, !negated);
    // Under negation an `any` behaves as an `all` (De Morgan): both show what held beside what decided.
    const conjunctive = (node.kind === 'all') !== negated;
    for (const child of node.children) {
      const childEffective = flip(child.status, negated);
      if (childEffective === effective || (conjunctive && childEffective === 'held')) walk(child, negated);
    }
  };
  walk(trace, false);
  return reasons;
}

/** Every fact a condition tree mentions, in the order it mentions them. */
export function factsOf(node: ConditionInput, into: string[] = []): string[] {
  if (node.fact !== undefined && !into.includes(node.fact)) into.push(node.fact);
  for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not ? [node.not] : [])]) factsOf(child, into);
  return into;
}
