import { estimatePlan } from '../engine/amount.js';
import { recipientSide, type CompiledItem, type CompiledPolicy } from '../engine/evaluate.js';
import { foldConditionSql, foldedText, sqlNumber, type FoldedSql, type SqlDialect } from '../policy/condition-sql.js';
import { FALSE, type FactLookup } from '../policy/operators.js';
import { valueSpellings, type FactDef, type FactsDeclaration } from '../facts/facts.js';
import { spellingKey, unknownSpellings, valueTableOf } from '../facts/spellings.js';

export const SQL_SHAPES = ['long', 'wide'] as const;
export type SqlShape = (typeof SQL_SHAPES)[number];

export interface SqlQueryOptions {
  dialect: SqlDialect;
  /** A plain identifier, or schema.table (checked by `isPlainTableName`). */
  table: string;
  /** The facts the table has a column for; the others are unknown in every row. */
  columns: readonly string[];
  asOf: string;
  shape: SqlShape;
  facts: FactLookup;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
/** Whether a table name is a plain identifier or schema.table: it is written into the query as it is. */
export const isPlainTableName = (name: string): boolean => PLAIN_NAME.test(name);

/**
 * One SQL query that decides every applicant of a table as `check` does (see README, "Running on a database or a
 * cluster"). Each item's condition is compiled through the operator table (foldConditionSql); the dates, the
 * audience and the supersessions are applied as `classify` applies them, and the estimates follow `estimatePlan`.
 *
 * The query reads the table once (`decided`: one truth and one estimate column per item, under a comment naming
 * the item and its measure), settles the supersessions (`settled`), and then gives one row per applicant (wide),
 * or meets each applicant with the list of items (`items`) and keeps the eligible and undetermined (long): one
 * scan of the table, where a CTE per item would read it once per item.
 */
export function compileSqlQuery(compiled: CompiledPolicy, options: SqlQueryOptions): string {
  const { dialect, columns, asOf, facts } = options;
  if (!isPlainTableName(options.table)) throw new Error(`not a plain table name: ${options.table}`);
  const has = (fact: string) => columns.includes(fact);
  const column = (fact: string) => dialect.identifier(fact);
  const double = (value: number | null) => `CAST(${value === null ? 'NULL' : sqlNumber(value)} AS ${dialect.double})`;
  const asDouble = (expression: string) => `CAST(${expression} AS ${dialect.double})`;
  const issued = compiled.set.document.issued;
  const typeLiteral = (type: string) => dialect.string(type);

  /** The item's truth before supersession: out of its dates → false; a known applicant type outside its audience → false. */
  const truthOf = (entry: CompiledItem): FoldedSql => {
    const validity = entry.item.validity;
    if (asOf < issued || (validity && ((validity.from && asOf < validity.from) || (validity.to && asOf > validity.to)))) return { truth: FALSE };
    const condition = foldConditionSql(entry.item.when, compiled.params, facts, { has, dialect, readings: compiled.readings });
    if (!has('applicantType') || ('truth' in condition && condition.truth === FALSE)) return condition;
    const audience = [...entry.audience].map(typeLiteral);
    const outside = audience.length === 0 ? 'TRUE' : `NOT (${column('applicantType')} IN (${audience.join(', ')}))`;
    return { sql: `CASE WHEN ${column('applicantType')} IS NOT NULL AND ${outside} THEN FALSE ELSE ${foldedText(condition)} END` };
  };

  const estimateOf = (entry: CompiledItem): string => {
    const plan = estimatePlan(entry.item.amount, compiled.params);
    if (plan.kind === 'constant') return double(plan.value);
    if (plan.kind === 'times' && has(plan.fact)) return `${double(plan.factor)} * ${asDouble(column(plan.fact))}`;
    if (plan.kind === 'rate' && has(plan.fact)) {
      // Math.round(base × rate × 100) / 100, in doubles as JavaScript computes it.
      const fen = `${asDouble(`FLOOR(${asDouble(column(plan.fact))} * ${double(plan.rate)} * ${double(100)} + ${double(0.5)})`)} / ${double(100)}`;
      return plan.cap === null ? fen : `LEAST(${fen}, ${double(plan.cap)})`;
    }
    return double(null);
  };

  const items = compiled.items;
  const label = (entry: CompiledItem) => `-- ${entry.item.id} (measure ${entry.item.measure})`;
  const checked = columns.flatMap((fact) => {
    const def = facts(fact);
    return def ? [{ fact, ...checkedColumn(def, compiled.set.facts, column(fact), dialect) }] : [];
  });
  const truths = items.map(truthOf);
  // A truth that is the same for every row is written as a constant, not a column.
  const truthRef = truths.map((truth, i) => ('truth' in truth ? foldedText(truth) : `t${i}`));

  const decided = ['    id', '    invalid_facts', `    ${has('applicantType') ? column('applicantType') : `CAST(NULL AS ${dialect.text})`} AS applicant_type`];
  items.forEach((entry, i) => {
    const truth = truths[i]!;
    decided.push(`    ${label(entry)}`);
    if (!('truth' in truth)) decided.push(`    ${truth.sql} AS t${i}`);
    decided.push(`    ${estimateOf(entry)} AS e${i}`);
  });

  // Supersessions in item order, as classify applies them: an eligible item makes each eligible item it supersedes ineligible.
  const settledRef = [...truthRef];
  for (const entry of items) {
    for (const target of entry.supersedes) {
      const before = settledRef[target]!;
      if (before === 'FALSE' || settledRef[entry.index] === 'FALSE') continue;
      settledRef[target] = `CASE WHEN (${settledRef[entry.index]}) AND (${before}) THEN FALSE ELSE ${before} END`;
    }
  }
  const settled = ['    id', '    invalid_facts', '    applicant_type'];
  items.forEach((entry, i) => settled.push(`    ${label(entry)}`, `    ${settledRef[i] === 'FALSE' ? 'FALSE' : settledRef[i]} AS s${i}`, `    e${i}`));

  // Each value as check reads it (typed): an enum's label or alias in any case as its name; a value the facts do
  // not allow (an unknown spelling, a number out of range, a fraction of a whole number) as unknown. Then (cleaned)
  // the facts whose value was not allowed, named in invalid_facts: only in the rows where a value became unknown,
  // which most rows of a table have none of.
  // The raw columns first: Spark lets a select list name an alias made before it, and a raw column must be the table's.
  const typed = [
    `    ${dialect.identifier('id')} AS id`,
    ...checked.flatMap(({ fact, flagged }, k) => (flagged ? [`    ${column(fact)} AS raw${k}`] : [])),
    ...checked.map(({ fact, value }) => `    ${value} AS ${column(fact)}`),
  ];
  // A value made unknown: the raw value is there and the typed one is not.
  const lost = checked.flatMap(({ fact, flagged }, k) => {
    if (flagged === false) return [];
    const when = `raw${k} IS NOT NULL AND ${column(fact)} IS NULL`;
    return [{ when, named: `CASE WHEN ${when}${flagged === true ? '' : ` AND NOT (${flagged(`raw${k}`)})`} THEN ${dialect.string(fact)} END` }];
  });
  const invalid = lost.length === 0 ? `CAST(NULL AS ${dialect.text})` : `CASE WHEN ${lost.map(({ when }) => `(${when})`).join(' OR ')} THEN NULLIF(CONCAT_WS(', ', ${lost.map(({ named }) => named).join(', ')}), '') END`;
  const cleaned = ['    id', `    ${invalid} AS invalid_facts`, ...checked.map(({ fact }) => `    ${column(fact)}`)];
  const ctes = [
    `typed AS (\n  SELECT\n${commaLines(typed)}\n  FROM ${options.table}\n)`,
    `cleaned AS (\n  SELECT\n${commaLines(cleaned)}\n  FROM typed\n)`,
    `decided AS (\n  SELECT\n${commaLines(decided)}\n  FROM cleaned\n)`,
    `settled AS (\n  SELECT\n${commaLines(settled)}\n  FROM decided\n)`,
  ];
  const header = `-- subsidy sql: dialect ${dialect.name}, as of ${asOf}, shape ${options.shape}; one row per ${options.shape === 'long' ? 'applicant and eligible or undetermined item' : 'applicant'}\n`;

  if (options.shape === 'wide') {
    const status = (i: number) => `CASE WHEN s${i} THEN 'eligible' WHEN s${i} IS NULL THEN 'undetermined' ELSE 'ineligible' END`;
    const select = ['    id', '    invalid_facts'];
    items.forEach((entry, i) => select.push(`    ${label(entry)}`, `    ${status(i)} AS ${dialect.identifier(entry.item.id)}`));
    // As totalOf: the computable estimates of eligible items the applicant's side receives, loans left out.
    const terms = items.flatMap((entry, i) => {
      if (settledRef[i] === 'FALSE' || entry.item.amount?.loan || estimatePlan(entry.item.amount, compiled.params).kind === 'none') return [];
      const side = `applicant_type IS NULL OR applicant_type IN (${[...recipientSide(entry.item.recipient)].map(typeLiteral).join(', ')})`;
      return [`CASE WHEN s${i} AND (${side}) THEN COALESCE(e${i}, ${double(0)}) ELSE ${double(0)} END`];
    });
    select.push(`    ${[double(0), ...terms].join('\n      + ')} AS total_estimate_cny`);
    return `${header}WITH\n${ctes.join(',\n')}\nSELECT\n${commaLines(select)}\nFROM settled;\n`;
  }

  // One scan: each applicant row meets the list of items (one line each, with its id and measure), and each
  // item's status and estimate are picked from its own columns.
  const shown = items.filter((_, i) => settledRef[i] !== 'FALSE');
  if (shown.length === 0) {
    const none = `CAST(NULL AS ${dialect.text})`;
    return `${header}WITH\n${ctes.join(',\n')}\nSELECT id, ${none} AS item, 0 AS measure, ${none} AS recipient, ${none} AS status, ${double(null)} AS figure_cny, ${double(null)} AS estimate_cny, invalid_facts\nFROM settled\nWHERE FALSE;\n`;
  }
  const list = shown.map((entry, k) => {
    const values = [String(entry.index), dialect.string(entry.item.id), String(entry.item.measure), dialect.string(entry.item.recipient), double(entry.item.amount?.cny ?? null)];
    return `    (${values.join(', ')})${k < shown.length - 1 ? ',' : ''} ${label(entry)}`;
  });
  ctes.push(`items (n, item, measure, recipient, figure_cny) AS (\n  VALUES\n${list.join('\n')}\n)`);
  const pick = (column: (i: number) => string) => `CASE items.n\n${shown.map((entry) => `      WHEN ${entry.index} THEN ${column(entry.index)}\n`).join('')}    END`;
  const status = (i: number) => `CASE WHEN s${i} THEN 'eligible' WHEN s${i} IS NULL THEN 'undetermined' END`;
  const decidedRows = `  SELECT\n${commaLines([
    '    settled.id AS id',
    '    items.item AS item',
    '    items.measure AS measure',
    '    items.recipient AS recipient',
    `    ${pick(status)} AS status`,
    '    items.figure_cny AS figure_cny',
    `    ${pick((i) => `e${i}`)} AS estimate_cny`,
    '    settled.invalid_facts AS invalid_facts',
  ])}\n  FROM settled CROSS JOIN items`;
  ctes.push(`rows_out AS (\n${decidedRows}\n)`);
  return `${header}WITH\n${ctes.join(',\n')}\nSELECT id, item, measure, recipient, status, figure_cny, estimate_cny, invalid_facts\nFROM rows_out\nWHERE status IS NOT NULL;\n`;
}

/**
 * A fact's column as the query reads it (`value`), and whether a value it makes unknown is one the facts do not
 * allow (`flagged`: true, false for a column whose values are all allowed, or, for an enum, a test of the raw value
 * that is true of the spellings of unknown, which are not flagged). An enum's spellings are its names, labels and
 * aliases, compared as check compares them but for width (LOWER and TRIM: each spelling is listed as declared and
 * with its full-width forms folded, but a full-width letter in the table is not folded, and is invalid); a value
 * written as its name is taken first, without LOWER and TRIM. An ambiguous spelling (研究生) is invalid. A number
 * must lie in the fact's range (NaN and infinity never do), and a whole number be whole. A boolean column is
 * BOOLEAN: a text one fails the query, loudly.
 */
export function checkedColumn(def: FactDef, declaration: FactsDeclaration, column: string, dialect: SqlDialect): { value: string; flagged: boolean | ((raw: string) => string) } {
  const keyOf = (raw: string) => `LOWER(TRIM(CAST(${raw} AS ${dialect.text})))`;
  if (def.type === 'enum') {
    const table = valueTableOf(declaration, def);
    const text = `CAST(${column} AS ${dialect.text})`;
    // Each spelling as check keys it (full-width forms folded) and as written, lowercased: （含…） is written so.
    const sqlKeys = (spelling: string) => [spellingKey(spelling), spelling.trim().toLowerCase()];
    const spellingsOf = (value: string) => valueSpellings(declaration, def).flatMap(([spelling, meant]) => (meant === value && table.values.get(spellingKey(spelling)) === value ? sqlKeys(spelling) : []));
    const list = (keys: Iterable<string>) => [...new Set(keys)].map((spelling) => dialect.string(spelling)).join(', ');
    const unknown = list(['', ...unknownSpellings(declaration).flatMap(sqlKeys)]);
    const cases = def.values.map((value) => `      WHEN ${keyOf(column)} IN (${list(spellingsOf(value))}) THEN ${dialect.string(value)}`);
    return {
      // NULL first: it would otherwise go through every WHEN below.
      value: `CASE\n      WHEN ${column} IS NULL THEN NULL\n      WHEN ${text} IN (${list(def.values)}) THEN ${text}\n${cases.join('\n')}\n    END`,
      flagged: (raw) => `${keyOf(raw)} IN (${unknown})`,
    };
  }
  if (def.type === 'boolean') return { value: column, flagged: false };
  // Always an upper bound: NaN sorts above every number in the three engines (and equals itself), and so does +∞.
  const bounds = [`${column} < ${sqlNumber(def.min)}`, `${column} > ${sqlNumber(def.max ?? Number.MAX_VALUE)}`, ...(def.type === 'integer' ? [`${column} <> FLOOR(${column})`] : [])];
  return { value: `CASE WHEN ${bounds.join(' OR ')} THEN NULL ELSE ${column} END`, flagged: true };
}

/** Lines of a select list: commas after all but the last expression, none after comments. */
function commaLines(lines: readonly string[]): string {
  const comment = (line: string) => line.trimStart().startsWith('--');
  let last = lines.length - 1;
  while (last > 0 && comment(lines[last]!)) last--;
  return lines.map((line, i) => (i < last && !comment(line) ? `${line},` : line)).join('\n');
}
