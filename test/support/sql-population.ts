import { codedRowEvaluator } from '../../src/batch/evaluate-row.js';
import { codeOf } from '../../src/batch/row-coder.js';
import type { CompiledPolicy } from '../../src/engine/evaluate.js';
import type { FactDef, FactValue, Profile } from '../../src/facts/facts.js';
import { leavesOf } from '../../src/policy/condition-walk.js';
import type { SqlDialect } from '../../src/policy/condition-sql.js';
import { boundaryNumbers, representatives } from '../../src/policy/operators.js';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A seeded population over the declared facts: each fact unknown a quarter of the time, else one of the values
 * that stand for all (every enum value, true and false, the policy's thresholds and either side of them) or a
 * random value in its range (with fen for a real number).
 */
export function sqlPopulation(compiled: CompiledPolicy, facts: readonly FactDef[], count: number, seed: number): { id: string; profile: Profile }[] {
  const random = seeded(seed);
  const bounds = new Map<string, number[]>();
  for (const { item } of compiled.items) {
    for (const { leaf } of leavesOf(item.when)) bounds.set(leaf.fact, [...(bounds.get(leaf.fact) ?? []), ...boundaryNumbers(leaf, compiled.params)]);
  }
  const choices = new Map(facts.map((def) => [def.name, representatives(def, bounds.get(def.name) ?? [])]));
  return Array.from({ length: count }, (_, n) => {
    const profile: Record<string, FactValue> = {};
    for (const def of facts) {
      if (random() < 0.25) continue;
      const values = choices.get(def.name)!;
      if ((def.type === 'number' || def.type === 'integer') && random() < 0.3) {
        const span = (def.max ?? def.min + 1_000_000) - def.min;
        const value = def.min + random() * span;
        profile[def.name] = def.type === 'integer' ? Math.floor(value) : Math.round(value * 1000) / 1000;
      } else {
        profile[def.name] = values[Math.floor(random() * values.length)]!;
      }
    }
    return { id: `A${String(n).padStart(6, '0')}`, profile };
  });
}

/** The column type of a fact in a table the generated query reads. */
export function columnType(def: FactDef, dialect: SqlDialect): string {
  if (def.type === 'boolean') return 'BOOLEAN';
  if (def.type === 'enum') return dialect.text;
  return def.type === 'integer' ? (dialect.name === 'postgres' ? 'NUMERIC' : 'BIGINT') : dialect.double;
}

/** CREATE TABLE and INSERT statements (in chunks) for the population, over the given facts. */
export function populationSql(table: string, columns: readonly FactDef[], rows: readonly { id: string; profile: Profile }[], dialect: SqlDialect): string[] {
  const create = `CREATE TABLE ${table} (${[`id ${dialect.text}`, ...columns.map((def) => `${dialect.identifier(def.name)} ${columnType(def, dialect)}`)].join(', ')})`;
  const literal = (value: FactValue | undefined) =>
    value === undefined ? 'NULL' : typeof value === 'string' ? dialect.string(value) : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  const statements = [create];
  for (let start = 0; start < rows.length; start += 2000) {
    const values = rows.slice(start, start + 2000).map(({ id, profile }) => `(${[dialect.string(id), ...columns.map((def) => literal(profile[def.name]))].join(', ')})`);
    statements.push(`INSERT INTO ${table} VALUES ${values.join(',\n')}`);
  }
  return statements;
}

/** One output row of the long shape, as text to compare: id, item, measure, recipient, status, figure, estimate. */
export const longKey = (row: { id: unknown; item: unknown; measure: unknown; recipient: unknown; status: unknown; figure_cny: unknown; estimate_cny: unknown }): string =>
  [row.id, row.item, Number(row.measure), row.recipient, row.status, row.figure_cny ?? '', row.estimate_cny ?? ''].join('|');

const STATUS = ['ineligible', 'eligible', 'undetermined'] as const;

/**
 * What the batch decides for the same rows, through its coded-row evaluator over `columns`: the long rows (the
 * estimate of an undetermined item as check gives it) and, per applicant, each item's status and the total.
 */
export function batchExpectation(compiled: CompiledPolicy, asOf: string, columns: readonly FactDef[], rows: readonly { id: string; profile: Profile }[]) {
  const evaluateRow = codedRowEvaluator(compiled, asOf, columns.map((def) => def.name));
  const long: string[] = [];
  const wide = new Map<string, { statuses: string[]; total: number }>();
  for (const { id, profile } of rows) {
    const known: Record<string, FactValue> = {};
    for (const def of columns) if (profile[def.name] !== undefined) known[def.name] = profile[def.name]!;
    const result = evaluateRow(Float64Array.from(columns, (def) => codeOf(def, profile[def.name])), 0);
    const figure = (entry: (typeof result.eligible)[number]) => entry.item.amount?.cny ?? null;
    const row = (entry: (typeof result.eligible)[number], status: string, estimate: number | null) =>
      longKey({ id, item: entry.item.id, measure: entry.item.measure, recipient: entry.item.recipient, status, figure_cny: figure(entry), estimate_cny: estimate });
    result.eligible.forEach((entry, k) => long.push(row(entry, 'eligible', result.estimates[k] ?? null)));
    for (const entry of result.undetermined) long.push(row(entry, 'undetermined', entry.estimate(known)));
    const status = (result as unknown as { status: Uint8Array }).status;
    wide.set(id, { statuses: compiled.items.map((entry) => STATUS[status[entry.index]!]!), total: result.totalEstimateCNY });
  }
  return { long: long.sort(), wide };
}
