import type { FactDef } from '../facts/facts.js';
import { foldCondition } from './condition-walk.js';
import { GROUPS, resolveArgument, specOf, type CodePieces, type FactLookup } from './operators.js';
import type { ConditionInput } from './schema.js';

/** A name as a standard-SQL delimited identifier. */
export const sqlIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A string as a standard-SQL literal. */
const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** A number as a SQL literal; only finite numbers come from a validated policy. */
function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value} in SQL`);
  return String(value);
}

/** The unknown truth value. */
export const SQL_UNKNOWN = 'CAST(NULL AS BOOLEAN)';

/**
 * What an operator writes its SQL with, for a fact held in `column`: an enum as its value's text, a boolean as
 * BOOLEAN, a number as a number; NULL is unknown. A test that can never hold stays unknown when the fact is.
 */
export function sqlPieces(def: FactDef | undefined, column: string): CodePieces {
  const numeric = def?.type === 'number' || def?.type === 'integer';
  return {
    value: column,
    literal: (value) => {
      if (def?.type === 'enum') return typeof value === 'string' && def.values.includes(value) ? sqlString(value) : null;
      if (def?.type === 'boolean') return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : null;
      return numeric && typeof value === 'number' ? sqlNumber(value) : null;
    },
    number: (value) => (numeric ? sqlNumber(value) : null),
    never: `(CASE WHEN ${column} IS NULL THEN ${SQL_UNKNOWN} ELSE FALSE END)`,
  };
}

/**
 * A condition as one standard-SQL boolean expression over a row whose columns are named after the facts: SQL's
 * three-valued logic is Kleene's, so AND, OR and NOT give exactly the engine's all, any and not with NULL as unknown.
 * Each comparison is its operator's `sql`; one whose parameter is not supplied is unknown.
 */
export function conditionSql(node: ConditionInput, params: Readonly<Record<string, number>>, facts: FactLookup, column: (fact: string) => string = sqlIdentifier): string {
  return foldCondition<string>(node, {
    group: (kind, children) => `(${children.join(` ${GROUPS[kind].sql} `)})`,
    not: (child) => `(NOT (${child}))`,
    compare: (leaf) => {
      const resolved = resolveArgument(leaf.arg, params);
      if (resolved === undefined) return SQL_UNKNOWN;
      return (specOf(leaf).sql as (arg: unknown, code: CodePieces) => string)(resolved, sqlPieces(facts(leaf.fact), column(leaf.fact)));
    },
  });
}
