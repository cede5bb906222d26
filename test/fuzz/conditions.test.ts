import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCodedClassifier, compileComparisonStates } from '../../src/batch/compile-classifier.js';
import { codeOf } from '../../src/batch/row-coder.js';
import { compileCondition, traceCondition, type Trace } from '../../src/engine/condition.js';
import type { CompiledPolicy } from '../../src/engine/evaluate.js';
import type { FactDef, FactValue, Profile } from '../../src/facts/facts.js';
import { factsOf, leavesOf } from '../../src/policy/condition-walk.js';
import { boundaryNumbers, FALSE, OPERATOR_NAMES, OPERATORS, paramsOf, TRUE, UNKNOWN, type Truth } from '../../src/policy/operators.js';
import { foldConditionSql, foldedText, SQL_DIALECTS } from '../../src/policy/condition-sql.js';
import { satisfiability } from '../../src/policy/satisfiable.js';
import { conditionSchema, OPERATOR_ARGUMENTS, type ConditionInput } from '../../src/policy/schema.js';
import { readingAsFact, type ReadingDef } from '../../src/policy/readings.js';
import type { Readings } from '../../src/policy/operators.js';
import { fuzzParams, fuzzRuns } from '../support/fuzz-runs.js';

const DEFAULT_RUNS = 1500;

/**
 * The differential test of every evaluator of a condition: the interpreter (compileCondition), the trace, the
 * generated batch classifier (and its per-comparison states) and satisfiability must agree on random condition
 * trees over every operator, random declarations of facts and random profiles with unknowns. The trees come from
 * the operator table (each operator's argument from its own schema), so a new operator is exercised as it is added.
 */

const PARAMS = ['p0', 'p1'];

/** The readings a tree may test: each option's id, and whether the reading in force is it, is random. */
const READINGS: ReadingDef[] = [
  { id: 'r0', measure: 1, clause: 'c', question: { zh: 'q', en: 'q' }, options: [{ id: 'a', label: { zh: 'a', en: 'a' } }, { id: 'b', label: { zh: 'b', en: 'b' } }], default: 'a', rationale: { zh: '', en: '' } },
  { id: 'r1', measure: 1, clause: 'c', question: { zh: 'q', en: 'q' }, options: ['a', 'b', 'c'].map((id) => ({ id, label: { zh: id, en: id } })), default: 'c', rationale: { zh: '', en: '' } },
];
const READING_FACTS = READINGS.map(readingAsFact);

/** Every choice of the readings in force. */
const READING_CHOICES: Readings[] = READINGS.reduce<Record<string, string>[]>(
  (choices, reading) => choices.flatMap((choice) => reading.options.map((option) => ({ ...choice, [reading.id]: option.id }))),
  [{}],
);
const TRUTH_OF: Record<Trace['status'], Truth> = { held: TRUE, failed: FALSE, unknown: UNKNOWN };

/** A random declaration of one to three facts, of every type. */
const factDefs: fc.Arbitrary<FactDef[]> = fc
  .array(
    fc.oneof(
      fc.subarray(['none', 'x', 'y', 'z'], { minLength: 1 }).map((values) => ({ type: 'enum' as const, values, valueLabels: {} })),
      fc.constant({ type: 'boolean' as const }),
      fc.record({ type: fc.constant('integer' as const), min: fc.constantFrom(0, -3, 2), span: fc.option(fc.constantFrom(1, 4, 12), { nil: undefined }) }),
      fc.record({ type: fc.constant('number' as const), min: fc.constantFrom(0, -5, 1.5), span: fc.option(fc.constantFrom(1, 0.5, 10), { nil: undefined }) }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((shapes) =>
    shapes.map((shape, i): FactDef => {
      const base = { name: `f${i}`, label: { zh: `f${i}`, en: `f${i}` }, help: { zh: '', en: '' }, changeable: true };
      if (shape.type === 'integer' || shape.type === 'number') {
        const { span, ...rest } = shape;
        return { ...base, ...rest, ...(span === undefined ? {} : { max: shape.min + span }) };
      }
      return { ...base, ...shape } as FactDef;
    }),
  );

/** The numbers worth comparing a fact with: its bounds, around them, and a few in between. */
function numberPool(def: FactDef): number[] {
  if (def.type !== 'number' && def.type !== 'integer') return [0, 1, 2];
  const top = def.max ?? def.min + 8;
  return [...new Set([def.min - 1, def.min, def.min + 0.5, def.min + 1, top, top + 1])];
}

/** The strings worth comparing a fact with: an enum's values and one it never takes. */
const stringPool = (def: FactDef): string[] => (def.type === 'enum' ? [...def.values, 'other'] : ['x']);

/** Any value of an operator's argument, read from its zod schema: whatever an operator takes, the test can make. */
function argumentOf(schema: z.ZodType, def: FactDef): fc.Arbitrary<unknown> {
  const zod = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (zod.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.constantFrom(...numberPool(def));
    case 'string':
      return fc.constantFrom(...stringPool(def));
    case 'union': {
      // A parameter now and then: a tree full of them says little about satisfiability, which takes them as open.
      const isParam = (option: z.ZodType) => (option as unknown as { _zod: { def: { type: string; shape?: object } } })._zod.def.shape !== undefined;
      return fc.oneof(...(zod.options as z.ZodType[]).map((option) => ({ weight: isParam(option) ? 1 : 4, arbitrary: argumentOf(option, def) })));
    }
    case 'array':
      return fc.array(argumentOf(zod.element as z.ZodType, def), { minLength: 1, maxLength: 4 });
    case 'tuple':
      return fc.tuple(...(zod.items as z.ZodType[]).map((item) => argumentOf(item, def)));
    case 'object': {
      const shape = zod.shape as Record<string, z.ZodType>;
      if (Object.keys(shape).join() === 'param') return fc.constantFrom(...PARAMS).map((param) => ({ param }));
      return fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, argumentOf(value, def)])));
    }
    default:
      throw new Error(`the differential test cannot yet generate a zod ${zod.type}: teach argumentOf`);
  }
}

/** A comparison: any operator of the table, on a fact of a type it takes (now and then on any fact at all), or a reading's test. */
function leafOf(defs: readonly FactDef[]): fc.Arbitrary<ConditionInput> {
  return fc.constantFrom(...OPERATOR_NAMES).chain((op) => {
    const spec = OPERATORS[op];
    if (spec.subject === 'reading') {
      // A reading's test: one of its options, now and then one it does not have (it never holds).
      return fc.constantFrom(...READING_FACTS).chain((def) => argumentOf(OPERATOR_ARGUMENTS[op], def).map((option) => ({ reading: def.name, is: option }) as ConditionInput));
    }
    const fitting = defs.filter((def) => spec.types.includes(def.type));
    const candidates = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...(fitting.length > 0 ? fitting : defs)) }, { weight: 1, arbitrary: fc.constantFrom(...defs) });
    return candidates.chain((def) => argumentOf(OPERATOR_ARGUMENTS[op], def).map((arg) => ({ fact: def.name, [op]: arg }) as ConditionInput));
  });
}

function treeOf(defs: readonly FactDef[], depth: number): fc.Arbitrary<ConditionInput> {
  const leaf = leafOf(defs);
  if (depth === 0) return leaf;
  const child = treeOf(defs, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(child, { minLength: 1, maxLength: 3 }).map((all) => ({ all })) },
    { weight: 2, arbitrary: fc.array(child, { minLength: 1, maxLength: 3 }).map((any) => ({ any })) },
    { weight: 1, arbitrary: child.map((not) => ({ not })) },
  );
}

function valueOf(def: FactDef): fc.Arbitrary<FactValue> {
  switch (def.type) {
    case 'enum':
      return fc.constantFrom(...def.values);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const max = def.max ?? def.min + 20;
      const pool = numberPool(def).sort((a, b) => a - b);
      // The pool and the points between its numbers: a value strictly between two bounds a tree may use.
      const points = [...pool, ...pool.slice(1).map((v, i) => (v + pool[i]!) / 2)];
      const inRange = points.filter((v) => v >= def.min && v <= max && (def.type === 'number' || Number.isInteger(v)));
      const free = def.type === 'integer' ? fc.integer({ min: def.min, max }) : fc.double({ min: def.min, max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof(fc.constantFrom(...inRange), free);
    }
  }
}

/** A profile: each fact unknown a third of the time. */
const profileOf = (defs: readonly FactDef[]): fc.Arbitrary<Profile> =>
  fc
    .tuple(...defs.map((def) => fc.option(valueOf(def), { nil: undefined, freq: 2 })))
    .map((values) => Object.fromEntries(defs.flatMap((def, i) => (values[i] === undefined ? [] : [[def.name, values[i]!]]))));

const scenario = factDefs.chain((defs) =>
  fc.record({
    defs: fc.constant(defs),
    tree: treeOf(defs, 2).filter((tree) => conditionSchema.safeParse(tree).success),
    readings: fc.constantFrom(...READING_CHOICES),
    params: fc.subarray(PARAMS).chain((names) => fc.tuple(...names.map(() => fc.constantFrom(0, 1, 2.5, 6))).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]!])))),
    profiles: fc.array(profileOf(defs), { minLength: 1, maxLength: 4 }),
  }),
);

/** Fails the property unless the two agree (cheaper than expect in a loop of thousands). */
function agree(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** The statuses of a trace's comparisons in tree order, as compileComparisonStates codes them. */
function leafStates(trace: Trace, into: number[] = []): number[] {
  if (trace.kind === 'compare') into.push(trace.status === 'failed' ? 0 : trace.status === 'held' ? 1 : trace.actual === null ? 2 : 3);
  else if (trace.kind === 'not') leafStates(trace.child, into);
  else for (const child of trace.children) leafStates(child, into);
  return into;
}

/**
 * Values of a fact that between them meet every comparison the tree makes on it, worked out here apart from the
 * engine's own `representatives`: each bound (the operators' candidates) and the points around and between them.
 */
function denseValues(def: FactDef, bounds: readonly number[]): FactValue[] {
  if (def.type === 'enum') return [...def.values];
  if (def.type === 'boolean') return [true, false];
  const max = def.max ?? Infinity;
  const sorted = [...new Set([def.min, ...(def.max === undefined ? [] : [def.max]), ...bounds])].sort((a, b) => a - b);
  const points = sorted.flatMap((v, i) => [v, v - 1, v + 1, v - 0.25, v + 0.25, ...(i > 0 ? [(v + sorted[i - 1]!) / 2] : [])]);
  const whole = def.type === 'integer' ? points.flatMap((v) => [Math.floor(v), Math.ceil(v)]) : points;
  return [...new Set(whole.filter((v) => v >= def.min && v <= max))];
}

/** Every assignment of those values to the facts the tree mentions, as profiles. */
function candidateProfiles(tree: ConditionInput, defs: readonly FactDef[], params: Readonly<Record<string, number>>): Profile[] {
  const leaves = leavesOf(tree);
  let profiles: Record<string, FactValue>[] = [{}];
  for (const fact of factsOf(tree)) {
    const def = defs.find((candidate) => candidate.name === fact)!;
    const values = denseValues(def, leaves.filter((found) => found.leaf.fact === fact).flatMap((found) => boundaryNumbers(found.leaf, params)));
    profiles = profiles.flatMap((profile) => values.map((value) => ({ ...profile, [fact]: value })));
  }
  return profiles;
}

describe('every evaluator of a condition agrees (differential, fast-check)', () => {
  it('interpreter, trace, generated classifier, comparison states and satisfiability', () => {
    let cases = 0;
    fc.assert(
      fc.property(scenario, ({ defs, tree, params, readings, profiles }) => {
        const lookup = (name: string) => defs.find((def) => def.name === name) ?? READING_FACTS.find((def) => def.name === name);
        const columns = defs.map((def) => def.name);
        const interpret = compileCondition(tree, params, readings);
        const compiled = {
          set: { document: { issued: '2000-01-01' } },
          params,
          readings,
          items: [{ index: 0, item: { when: tree, validity: null }, audience: new Set(['person']), supersedes: [] }],
        } as unknown as CompiledPolicy;
        const classify = compileCodedClassifier(compiled, '2024-01-01', columns, lookup);
        const states = compileComparisonStates(compiled, columns, lookup)[0];
        const status = new Uint8Array(1);
        const bits = [new Int32Array(1), new Int32Array(1)] as const;
        for (const profile of profiles) {
          cases++;
          const truth = interpret(profile);
          const trace = traceCondition(tree, profile, params, readings);
          agree(TRUTH_OF[trace.status], truth, 'trace');
          const codes = Float64Array.from(defs, (def) => codeOf(def, profile[def.name]));
          classify(codes, 0, status, bits[0], bits[1]);
          agree(status[0], truth, 'classifier');
          agree(bits[0][0]! & 1, truth === TRUE ? 1 : 0, 'eligible bit');
          agree(bits[1][0]! & 1, truth === UNKNOWN ? 1 : 0, 'undetermined bit');
          if (states) {
            const expected = leafStates(trace);
            const packed = states(codes, 0);
            agree(expected.map((_, i) => (packed >> (2 * i)) & 3), expected, 'comparison states');
          }
        }
        // Satisfiable exactly when some profile of candidate values, under some choice of the readings, makes it hold
        // (satisfiability takes a reading as an enum of its options); with parameters in the tree, it takes them to
        // be open, so it may only claim more. A random profile that makes it hold proves it satisfiable.
        const satisfiable = satisfiability(tree, lookup).satisfiable;
        if (profiles.some((profile) => interpret(profile) === TRUE)) agree(satisfiable, true, 'satisfiable, a profile holds');
        const candidates = candidateProfiles(tree, defs, params);
        const holds = READING_CHOICES.some((choice) => {
          const under = compileCondition(tree, params, choice);
          return candidates.some((profile) => under(profile) === TRUE);
        });
        if (paramsOf(leavesOf(tree).map((found) => found.leaf.arg)).length === 0) agree(satisfiable, holds, 'satisfiable');
        else if (!satisfiable) agree(holds, false, 'unsatisfiable with parameters');
      }),
      fuzzParams(DEFAULT_RUNS),
    );
    expect(cases).toBeGreaterThan(0);
    // A long run (npm run fuzz) takes its time: about 5 ms a scenario on a busy machine.
  }, Math.max(30_000, fuzzRuns(DEFAULT_RUNS) * 5));
});

const SQL_RUNS = 150;

describe('the SQL compiler agrees with the interpreter on DuckDB (differential, fast-check)', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  it('foldConditionSql over a table of the profiles, some facts missing from the table', async () => {
    const dialect = SQL_DIALECTS.duckdb;
    const type = (def: FactDef) => (def.type === 'boolean' ? 'BOOLEAN' : def.type === 'enum' ? 'VARCHAR' : 'DOUBLE');
    const literal = (def: FactDef, value: FactValue | undefined) =>
      `CAST(${value === undefined ? 'NULL' : typeof value === 'string' ? dialect.string(value) : String(value)} AS ${type(def)})`;
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(scenario, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), async ({ defs, tree, params, readings, profiles }, lacks) => {
        const lookup = (name: string) => defs.find((def) => def.name === name);
        // A fact the table lacks is unknown in every row: the interpreter sees the profile without it.
        const has = (name: string) => !lacks[defs.findIndex((def) => def.name === name)];
        const condition = foldedText(foldConditionSql(tree, params, lookup, { has, dialect, readings }));
        const rows = profiles.map((profile, k) => `(${[String(k), ...defs.map((def) => literal(def, profile[def.name]))].join(', ')})`);
        const sql = `SELECT k, ${condition} AS t FROM (VALUES ${rows.join(', ')}) AS p(k, ${defs.map((def) => dialect.identifier(def.name)).join(', ')}) ORDER BY k`;
        const got = (await connection.runAndReadAll(sql)).getRowsJS().map(([, t]) => (t === null ? UNKNOWN : t ? TRUE : FALSE));
        const interpret = compileCondition(tree, params, readings);
        const expected = profiles.map((profile) => interpret(Object.fromEntries(Object.entries(profile).filter(([name]) => has(name)))));
        cases += profiles.length;
        agree(got, expected, `SQL ${condition}`);
      }),
      fuzzParams(SQL_RUNS),
    );
    expect(cases).toBeGreaterThan(0);
  }, Math.max(30_000, fuzzRuns(SQL_RUNS) * 20));
});
