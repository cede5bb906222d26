import type { FactDef } from '../facts/facts.js';
import { foldCondition } from './condition-walk.js';
import { combine, FALSE, GROUPS, NOT, resolveArgument, settledTruth, specOf, TRUE, UNKNOWN, type CodePieces, type FactLookup, type Readings, type Truth } from './operators.js';
import type { ConditionInput } from './schema.js';

/**
 * The few things the SQL engines write differently: identifier quoting, string literals and type names. Everything
 * else the compiler writes is what DuckDB, PostgreSQL and Spark SQL all accept.
 */
export interface SqlDialect {
  name: string;
  identifier(name: string): string;
  string(text: string): string;
  /** The type names of a double, a text and a boolean column. */
  double: string;
  text: string;
}

const standardString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const standardIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export const SQL_DIALECTS = {
  duckdb: { name: 'duckdb', identifier: standardIdentifier, string: standardString, double: 'DOUBLE', text: 'VARCHAR' },
  postgres: { name: 'postgres', identifier: standardIdentifier, string: standardString, double: 'DOUBLE PRECISION', text: 'TEXT' },
  // Spark quotes names with backticks, and its string literals take backslash escapes ('' would end the literal).
  spark: {
    name: 'spark',
    identifier: (name: string) => `\`${name.replaceAll('`', '``')}\``,
    string: (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
    double: 'DOUBLE',
    text: 'STRING',
  },
} as const satisfies Record<string, SqlDialect>;
export type SqlDialectName = keyof typeof SQL_DIALECTS;

/** A name as a standard-SQL delimited identifier. */
export const sqlIdentifier = standardIdentifier;

/** A number as a SQL literal; only finite numbers come from a validated policy. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value} in SQL`);
  return String(value);
}

/** The unknown truth value. */
export const SQL_UNKNOWN = 'CAST(NULL AS BOOLEAN)';

/**
 * What an operator writes its SQL with, for a fact held in `column`: an enum as its value's text, a boolean as
 * BOOLEAN, a number as a number; NULL is unknown. A test that can never hold stays unknown when the fact is.
 */
export function sqlPieces(def: FactDef | undefined, column: string, dialect: SqlDialect = SQL_DIALECTS.duckdb): CodePieces {
  const numeric = def?.type === 'number' || def?.type === 'integer';
  return {
    value: column,
    literal: (value) => {
      if (def?.type === 'enum') return typeof value === 'string' && def.values.includes(value) ? dialect.string(value) : null;
      if (def?.type === 'boolean') return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : null;
      return numeric && typeof value === 'number' ? sqlNumber(value) : null;
    },
    number: (value) => (numeric ? sqlNumber(value) : null),
    never: `(CASE WHEN ${column} IS NULL THEN ${SQL_UNKNOWN} ELSE FALSE END)`,
  };
}

/** A condition's SQL, or its truth value when that is the same for every row. */
export type FoldedSql = { truth: Truth } | { sql: string };

const TRUTH_SQL: Record<Truth, string> = { [FALSE]: 'FALSE', [TRUE]: 'TRUE', [UNKNOWN]: SQL_UNKNOWN };

/** The folded condition as one SQL boolean expression. */
export const foldedText = (folded: FoldedSql): string => ('sql' in folded ? folded.sql : TRUTH_SQL[folded.truth]);

export interface ConditionSqlOptions {
  /** How a fact's column is written (default: its name as a delimited identifier). */
  column?: (fact: string) => string;
  /** Whether the table has the fact; a fact it lacks is unknown in every row, folded away here (default: all). */
  has?: (fact: string) => boolean;
  dialect?: SqlDialect;
  /** The option in force of each reading: a reading's test is folded to its truth (default: none in force, unknown). */
  readings?: Readings;
}

/**
 * A condition as one SQL boolean expression over a row whose columns are named after the facts, folded where its
 * truth does not depend on the row: SQL's three-valued logic is Kleene's, so AND, OR and NOT give exactly the
 * engine's all, any and not with NULL as unknown. Each comparison is its operator's `sql`; one whose parameter is
 * not supplied, or whose fact the table lacks, is unknown; a reading's test is the truth the reading in force gives. A group with a decisive constant is that constant; its
 * unit constants are dropped (an unknown one stays, written in place).
 */
export function foldConditionSql(node: ConditionInput, params: Readonly<Record<string, number>>, facts: FactLookup, options: ConditionSqlOptions = {}): FoldedSql {
  const dialect = options.dialect ?? SQL_DIALECTS.duckdb;
  const column = options.column ?? dialect.identifier;
  const has = options.has ?? (() => true);
  const readings = options.readings ?? {};
  return foldCondition<FoldedSql>(node, {
    group: (kind, children) => {
      const { unit, decisive } = GROUPS[kind];
      if (children.some((child) => 'truth' in child && child.truth === decisive)) return { truth: decisive };
      const kept = children.filter((child) => !('truth' in child && child.truth === unit));
      if (kept.every((child) => 'truth' in child)) return { truth: combine(kind, kept.map((child) => (child as { truth: Truth }).truth)) };
      return { sql: `(${kept.map(foldedText).join(` ${GROUPS[kind].sql} `)})` };
    },
    not: (child) => ('truth' in child ? { truth: NOT[child.truth]! } : { sql: `(NOT (${child.sql}))` }),
    compare: (leaf) => {
      const settled = settledTruth(leaf, params, readings);
      if (settled !== undefined) return { truth: settled };
      const resolved = resolveArgument(leaf.arg, params);
      if (resolved === undefined || !has(leaf.fact)) return { truth: UNKNOWN };
      return { sql: (specOf(leaf).sql as (arg: unknown, code: CodePieces) => string)(resolved, sqlPieces(facts(leaf.fact), column(leaf.fact), dialect)) };
    },
  });
}

/** A condition as one standard-SQL boolean expression (see foldConditionSql). */
export function conditionSql(node: ConditionInput, params: Readonly<Record<string, number>>, facts: FactLookup, column: (fact: string) => string = sqlIdentifier): string {
  return foldedText(foldConditionSql(node, params, facts, { column }));
}
