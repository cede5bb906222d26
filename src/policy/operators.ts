import type { z } from 'zod';
import type { FactDef, FactValue, Label } from '../facts/facts.js';
import { msg, render, type MessageId } from '../util/messages/index.js';

/**
 * The condition operators, each declared once with everything the code needs of it: the schema of its argument,
 * the fact types it compares, when a known value passes, its words, its JavaScript for the batch classifier, its SQL,
 * and the values worth trying around it. The interpreter, the trace, the generated classifier, the SQL compiler,
 * satisfiability, what-if, the next question, lint, diff and explain all derive from this table, and the type of
 * OPERATORS refuses an operator that lacks a piece. See README, "How to add an operator".
 */

/** A number the policy states, or a parameter the document leaves to local rules. */
export type Threshold = number | { param: string };

/**
 * What an operator builds the schema of its argument with: zod, and a threshold (a number or {param: name}).
 * Handed over by the policy schema, so that the engine, which needs the table but no validation, never loads zod.
 */
export interface ArgumentPieces {
  z: typeof z;
  threshold: z.ZodType<Threshold>;
}
export type FactType = FactDef['type'];
/** The declaration of a fact by name, undefined for one that is not declared. */
export type FactLookup = (name: string) => FactDef | undefined;
type Lang = keyof Label;

/** Kleene truth values, small integers so the compiled closures stay monomorphic. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

/** The argument with every parameter replaced by its value. */
export type Resolved<A> = A extends { param: string }
  ? number
  : A extends readonly [infer X, infer Y]
    ? [Resolved<X>, Resolved<Y>]
    : A extends readonly (infer E)[]
      ? Resolved<E>[]
      : A;

/** Writes a threshold: as the policy has it ("{param}"), or with supplied parameters resolved. */
export type Show = (threshold: Threshold) => string;

/** A value worth trying for a fact; `above`/`below` say the rule asks for more (less) than that bound. */
export interface Candidate {
  value: FactValue;
  above?: number;
  below?: number;
}

/** Values of a numeric fact near a bound, as the fact's domain has them (whole numbers, or reals to a step). */
export interface Near {
  /** The value itself. */
  at(value: FactValue): Candidate;
  /** The least value ≥ t, and the greatest ≤ t. */
  atLeast(t: number): Candidate;
  atMost(t: number): Candidate;
  /** The least value > t, and the greatest < t. */
  above(t: number): Candidate;
  below(t: number): Candidate;
}

/**
 * What a code generator (JavaScript or SQL) gives an operator to write its test with: the expression of the fact's
 * (known) value, and literals as the target encodes the fact's values. Null when the fact can never equal the
 * value or is not a number; `never` is the target's false.
 */
export interface CodePieces {
  value: string;
  literal(value: FactValue): string | null;
  number(value: number): string | null;
  never: string;
}

/**
 * Where the value a comparison tests comes from: `fact`, the profile's value of the named fact; `reading`, the
 * option in force of the named reading (policies/readings.yaml), fixed when the policy is compiled, so that every
 * evaluator folds the comparison to a constant (see settledTruth).
 */
export type Subject = 'fact' | 'reading';

/**
 * An operator's words: the catalogue ids (src/util/messages/layers.ts) of the requirement after the fact and its
 * value, 至少 6 / must be at least 6, 须为“是” / must be yes, and of the opposite requirement, for a comparison under
 * a `not`, 须小于 6 / must be less than 6; and the values that fill their placeholders, `label` writing a value of the
 * fact as facts.yaml labels it (是, Small) and `show` a threshold.
 */
export interface OperatorWords<A> {
  requirement: MessageId;
  negated: MessageId;
  values(arg: A, label: (value: FactValue) => string, show: Show): Readonly<Record<string, string | readonly string[]>>;
}

export interface OperatorSpec<A> {
  /** What the leaf's `fact` names: a fact of the profile, or a reading whose option is fixed at compile time. */
  subject: Subject;
  /** The schema of the argument as a policy writes it. */
  argument(pieces: ArgumentPieces): z.ZodType<A>;
  /** The fact types it compares; lint refuses it on any other. */
  types: readonly FactType[];
  /** The values it compares the fact with for equality (lint checks the fact can take them). */
  values(arg: A): readonly FactValue[];
  /**
   * Whether a known value passes. The three-valued lifting is the same for every operator: an unknown fact, or a
   * parameter that is not supplied, makes the comparison unknown (Kleene).
   */
  holds(arg: Resolved<A>, value: FactValue): boolean;
  /** The test as data, without its fact, as JSON and diffs show it: ">= 6", "in [micro, small]". */
  symbol(arg: A, show: Show): string;
  /** The opposite test in the same notation: "< 6", "not in [micro, small]". */
  negatedSymbol(arg: A, show: Show): string;
  /** What it needs, in a person's words: its catalogue ids and what fills them (see OperatorWords). */
  words: OperatorWords<A>;
  /** A JavaScript expression that holds when the known value passes. */
  js(arg: Resolved<A>, code: CodePieces): string;
  /** A standard-SQL boolean expression that holds when the value passes; NULL (unknown) propagates through it. */
  sql(arg: Resolved<A>, code: CodePieces): string;
  /** The values on either side of each of its bounds, so that what-if and satisfiability can meet it or its negation. */
  candidates(arg: Resolved<A>, near: Near): Candidate[];
}

const either = (parts: (string | null)[], or: string, never: string): string => {
  const known = parts.filter((part): part is string => part !== null);
  return known.length === 0 ? never : known.length === 1 ? known[0]! : `(${known.join(or)})`;
};
const numeric = (value: FactValue, test: (v: number) => boolean): boolean => typeof value === 'number' && test(value);
/** A comparison with one bound: the number's test, in JS and SQL alike; its words, and the opposite bound's (ids). */
function bound(symbol: string, opposite: string, test: (v: number, t: number) => boolean, sides: (t: number, near: Near) => Candidate[], requirement: MessageId, negated: MessageId): OperatorSpec<Threshold> {
  const expression = (t: number, code: CodePieces) => {
    const n = code.number(t);
    return n === null ? code.never : `${code.value} ${symbol} ${n}`;
  };
  return {
    subject: 'fact',
    argument: ({ threshold }) => threshold,
    types: ['number', 'integer'],
    values: () => [],
    holds: (t, value) => numeric(value, (v) => test(v, t)),
    symbol: (t, show) => `${symbol} ${show(t)}`,
    negatedSymbol: (t, show) => `${opposite} ${show(t)}`,
    words: { requirement, negated, values: (t, _label, show) => ({ bound: show(t) }) },
    js: expression,
    sql: expression,
    candidates: sides,
  };
}

/** A comparison with one value: the fact must equal it. */
function equality<A extends FactValue>(argument: (pieces: ArgumentPieces) => z.ZodType<A>, types: readonly FactType[], candidates: (value: FactValue, near: Near) => Candidate[]): OperatorSpec<A> {
  const expression = (eq: string) => (value: FactValue, code: CodePieces) => {
    const literal = code.literal(value);
    return literal === null ? code.never : `${code.value} ${eq} ${literal}`;
  };
  const spec: OperatorSpec<FactValue> = {
    subject: 'fact',
    argument,
    types,
    values: (value) => [value],
    holds: (target, value) => value === target,
    symbol: (value) => `= ${String(value)}`,
    negatedSymbol: (value) => `≠ ${String(value)}`,
    words: { requirement: 'op.mustBe', negated: 'op.mustNotBe', values: (value, label) => ({ value: label(value) }) },
    js: expression('==='),
    sql: expression('='),
    candidates,
  };
  // A value compares as itself: its resolved form is the same value.
  return spec as unknown as OperatorSpec<A>;
}

export interface OperatorArguments {
  equals: string | number | boolean;
  in: (string | number)[];
  gte: Threshold;
  gt: Threshold;
  lte: Threshold;
  lt: Threshold;
  between: [Threshold, Threshold];
  is: boolean;
  /** The option of the reading named by the leaf (written `{reading: ID, is: OPTION}`). */
  reading: string;
}
export type OperatorName = keyof OperatorArguments;

export const OPERATORS: { readonly [K in OperatorName]: OperatorSpec<OperatorArguments[K]> } = {
  equals: equality(({ z }) => z.union([z.string(), z.number(), z.boolean()]), ['enum', 'boolean', 'number', 'integer'], (value, near) => [near.at(value)]),
  in: {
    subject: 'fact',
    argument: ({ z }) => z.array(z.union([z.string(), z.number()])).min(1),
    types: ['enum', 'number', 'integer'],
    values: (values) => values,
    holds: (values, value) => (values as FactValue[]).includes(value),
    symbol: (values) => `in [${values.join(', ')}]`,
    negatedSymbol: (values) => `not in [${values.join(', ')}]`,
    words: { requirement: 'op.oneOf', negated: 'op.noneOf', values: (values, label) => ({ values: values.map(label) }) },
    js: (values, code) => either(values.map((value) => (code.literal(value) === null ? null : `${code.value} === ${code.literal(value)}`)), ' || ', code.never),
    sql: (values, code) => {
      const literals = [...new Set(values.map(code.literal).filter((literal) => literal !== null))];
      return literals.length === 0 ? code.never : `${code.value} IN (${literals.join(', ')})`;
    },
    candidates: (values, near) => values.map(near.at),
  },
  gte: bound('>=', '<', (v, t) => v >= t, (t, near) => [near.atLeast(t), near.below(t)], 'op.atLeast', 'op.lessThan'),
  gt: bound('>', '<=', (v, t) => v > t, (t, near) => [near.above(t), near.atMost(t)], 'op.moreThan', 'op.atMost'),
  lte: bound('<=', '>', (v, t) => v <= t, (t, near) => [near.atMost(t), near.above(t)], 'op.atMost', 'op.moreThan'),
  lt: bound('<', '>=', (v, t) => v < t, (t, near) => [near.below(t), near.atLeast(t)], 'op.lessThan', 'op.atLeast'),
  between: {
    subject: 'fact',
    argument: ({ z, threshold }) => z.tuple([threshold, threshold]),
    types: ['number', 'integer'],
    values: () => [],
    holds: ([low, high], value) => numeric(value, (v) => v >= low && v <= high),
    symbol: ([low, high], show) => `between ${show(low)} and ${show(high)}`,
    negatedSymbol: ([low, high], show) => `not between ${show(low)} and ${show(high)}`,
    words: { requirement: 'op.between', negated: 'op.outside', values: ([low, high], _label, show) => ({ low: show(low), high: show(high) }) },
    js: ([low, high], code) => {
      const [a, b] = [code.number(low), code.number(high)];
      return a === null || b === null ? code.never : `(${code.value} >= ${a} && ${code.value} <= ${b})`;
    },
    sql: ([low, high], code) => {
      const [a, b] = [code.number(low), code.number(high)];
      return a === null || b === null ? code.never : `${code.value} BETWEEN ${a} AND ${b}`;
    },
    candidates: ([low, high], near) => [near.atLeast(low), near.below(low), near.atMost(high), near.above(high)],
  },
  is: equality(({ z }) => z.boolean(), ['boolean'], (value, near) => [near.at(value), near.at(!value)]),
  // A reading is an enum whose value, the option in force, is known when the policy is compiled: the same equality,
  // on the reading instead of a fact, which every evaluator folds to a constant before it reads a row.
  reading: {
    ...equality(({ z }) => z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schema.optionId' }), ['enum'], (value, near) => [near.at(value)]),
    subject: 'reading',
  },
};

/** The operators in the order policies list them (and the JSON Schema shows them). */
export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];

/** The groups: Kleene `all` and `any` start from their unit and stop at their decisive value; `not` swaps. */
export const GROUPS = {
  all: { unit: TRUE, decisive: FALSE, sql: 'AND' },
  any: { unit: FALSE, decisive: TRUE, sql: 'OR' },
} as const;
export type GroupName = keyof typeof GROUPS;
export const NOT: readonly Truth[] = [TRUE, FALSE, UNKNOWN];

/** Kleene `all`/`any` over truth values. */
export function combine(group: GroupName, truths: Iterable<Truth>): Truth {
  const { unit, decisive } = GROUPS[group];
  let result: Truth = unit;
  for (const truth of truths) {
    if (truth === decisive) return decisive;
    if (truth === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/**
 * One comparison: a subject, an operator and its argument as the policy writes it. The subject (`fact`) is a fact's
 * name, or, for an operator whose subject is `reading`, a reading's id.
 */
export type Leaf = { [K in OperatorName]: { fact: string; op: K; arg: OperatorArguments[K] } }[OperatorName];

/** The operator's piece for a leaf, typed for its argument. */
export function specOf<K extends OperatorName>(leaf: { op: K }): OperatorSpec<OperatorArguments[K]> {
  return OPERATORS[leaf.op] as unknown as OperatorSpec<OperatorArguments[K]>;
}

// Generic over the argument's shape: a threshold is a number or {param}, anywhere in the argument.
const isParam = (value: unknown): value is { param: string } => typeof value === 'object' && value !== null && !Array.isArray(value) && 'param' in value;

/** The parameters an argument names. */
export function paramsOf(arg: unknown): string[] {
  if (isParam(arg)) return [arg.param];
  return Array.isArray(arg) ? arg.flatMap(paramsOf) : [];
}

/** The argument with its parameters replaced by their values; undefined when one is not supplied. */
export function resolveArgument<A>(arg: A, params: Readonly<Record<string, number>>): Resolved<A> | undefined {
  const missing = paramsOf(arg).some((param) => params[param] === undefined);
  if (missing) return undefined;
  const resolve = (value: unknown): unknown => (isParam(value) ? params[value.param] : Array.isArray(value) ? value.map(resolve) : value);
  return resolve(arg) as Resolved<A>;
}

/** Whether a leaf holds for a value, Kleene: unknown when the value or a parameter is missing. */
export function leafTruth(leaf: Leaf, resolved: unknown, value: FactValue | undefined): Truth {
  if (value === undefined || resolved === undefined) return UNKNOWN;
  return (specOf(leaf).holds as (arg: unknown, value: FactValue) => boolean)(resolved, value) ? TRUE : FALSE;
}

/** The option in force of each reading, fixed when a policy is compiled. */
export type Readings = Readonly<Record<string, string>>;

/** Whether the leaf tests a reading (its value fixed at compile time) rather than a fact of the profile. */
export const testsReading = (leaf: Pick<Leaf, 'op'>): boolean => OPERATORS[leaf.op].subject === 'reading';

/**
 * A leaf's truth when what the policy is compiled with decides it whatever the profile: unknown when a parameter it
 * needs is not supplied, and a reading's comparison with the option in force; undefined when it depends on the row.
 * Every evaluator (interpreter, trace, generated classifier, SQL, next question) folds such a leaf to this constant.
 */
export function settledTruth(leaf: Leaf, params: Readonly<Record<string, number>>, readings: Readings): Truth | undefined {
  const resolved = resolveArgument(leaf.arg, params);
  if (resolved === undefined) return UNKNOWN;
  return testsReading(leaf) ? leafTruth(leaf, resolved, readings[leaf.fact]) : undefined;
}

/** The value a leaf compares: the profile's fact, or the reading in force. */
export function subjectValue(leaf: Leaf, profile: Readonly<Record<string, FactValue>>, readings: Readings): FactValue | undefined {
  return testsReading(leaf) ? readings[leaf.fact] : profile[leaf.fact];
}

/** A threshold as written in the policy: a number, or a parameter the document leaves to local rules. */
export const showThreshold: Show = (t) => (typeof t === 'number' ? String(t) : `{${t.param}}`);

/** Thresholds with the supplied parameters resolved, the others as the policy writes them. */
export const showWith =
  (params: Readonly<Record<string, number>>): Show =>
  (t) =>
    typeof t === 'object' && params[t.param] !== undefined ? String(params[t.param]) : showThreshold(t);

/** A leaf's requirement in a person's words (see OperatorSpec.words), the opposite one when it stands under a not. */
export function leafWords(leaf: Pick<Leaf, 'op' | 'arg'>, lang: Lang, label: (value: FactValue) => string, show: Show, negated = false): string {
  const words = OPERATORS[leaf.op].words as OperatorWords<unknown>;
  return render(msg(negated ? words.negated : words.requirement, words.values(leaf.arg, label, show)), lang);
}

/** The argument with the supplied parameters replaced by their values and the others kept as {param}. */
export function withParams<A>(arg: A, params: Readonly<Record<string, number>>): A {
  const resolve = (value: unknown): unknown => (isParam(value) && params[value.param] !== undefined ? params[value.param] : Array.isArray(value) ? value.map(resolve) : value);
  return resolve(arg) as A;
}

/** Bounds that take the thresholds themselves: the numbers where a comparison's truth can change. */
const EXACT: Near = {
  at: (value) => ({ value }),
  atLeast: (t) => ({ value: t }),
  atMost: (t) => ({ value: t }),
  above: (t) => ({ value: t }),
  below: (t) => ({ value: t }),
};

/** The numbers where a leaf's truth can change, parameters resolved; none when a parameter is missing. */
export function boundaryNumbers(leaf: Leaf, params: Readonly<Record<string, number>>): number[] {
  const resolved = resolveArgument(leaf.arg, params);
  if (resolved === undefined) return [];
  const candidates = (specOf(leaf).candidates as (arg: unknown, near: Near) => Candidate[])(resolved, EXACT);
  return candidates.map((c) => c.value).filter((v): v is number => typeof v === 'number');
}

/**
 * Values of a fact that stand for every value: an enum's values, true and false; for a number, any set cut out by
 * comparisons with constants is a union of points and intervals between consecutive constants, so each constant,
 * each gap and each side (within the declared range, whole numbers for an integer fact) decides it.
 */
export function representatives(def: FactDef, boundaries: readonly number[]): FactValue[] {
  if (def.type === 'enum') return [...def.values];
  if (def.type === 'boolean') return [true, false];
  const constants = [...new Set([def.min, ...(def.max === undefined ? [] : [def.max]), ...boundaries])].sort((a, b) => a - b);
  const candidates = new Set<number>(constants);
  if (def.type === 'integer') {
    for (const c of constants) for (const v of [Math.floor(c) - 1, Math.floor(c), Math.floor(c) + 1, Math.ceil(c)]) candidates.add(v);
  } else {
    candidates.add(constants[0]! - 1).add(constants[constants.length - 1]! + 1);
    constants.forEach((c, i) => i > 0 && candidates.add((constants[i - 1]! + c) / 2));
  }
  return [...candidates]
    .filter((v) => v >= def.min && (def.max === undefined || v <= def.max) && (def.type !== 'integer' || Number.isInteger(v)))
    .sort((a, b) => a - b);
}
