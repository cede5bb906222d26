import { factNamed, factNames, type FactsDeclaration } from '../../facts/facts.js';
import { SQL_DIALECTS } from '../../policy/condition-sql.js';
import { compileSqlQuery, isPlainTableName } from '../../sql/compile-query.js';
import { inputError } from '../../util/problems.js';
import { nearest } from '../../util/suggest.js';
import { loadContext } from '../context.js';
import type { Io } from '../io.js';
import type { SqlOptions } from '../program.js';

/** The facts the table has: --columns, checked against the declared facts; all of them without it. */
function tableColumns(facts: FactsDeclaration, list: string | undefined): string[] {
  if (list === undefined) return facts.facts.map((fact) => fact.name);
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!factNamed(facts, name)) {
      const suggestion = nearest(name, factNames(facts));
      throw suggestion ? inputError('cli.columnsNotFactSuggest', { name, suggestion }) : inputError('cli.columnsNotFact', { name });
    }
  }
  return [...new Set(names)];
}

/** Prints the policy compiled to one SQL query (see README, "Running on a database or a cluster"). */
export async function sql(options: SqlOptions, io: Io): Promise<number> {
  if (!isPlainTableName(options.table)) {
    throw inputError('cli.tableName', { table: options.table });
  }
  const context = await loadContext(options, io);
  const columns = tableColumns(context.set.facts, options.columns);
  io.stdout.write(
    compileSqlQuery(context.compiled, {
      dialect: SQL_DIALECTS[options.dialect],
      table: options.table,
      columns,
      asOf: context.asOf,
      shape: options.shape,
      facts: (name) => factNamed(context.set.facts, name),
    }),
  );
  return 0;
}
