import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy, type CompiledPolicy } from '../../src/engine/evaluate.js';
import type { FactDef } from '../../src/facts/facts.js';
import { DECLARED, FACT_BY_NAME, FACTS } from '../support/facts.js';
import { SQL_DIALECTS, type SqlDialect } from '../../src/policy/condition-sql.js';
import { checkedColumn, compileSqlQuery, type SqlShape } from '../../src/sql/compile-query.js';
import { valueSpellings } from '../../src/facts/facts.js';
import { spellingKey, valueTableOf } from '../../src/facts/spellings.js';
import { batchExpectation, longKey, populationSql, sqlPopulation } from '../support/sql-population.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const AS_OF = '2024-06-30';
const COUNT = 10_000;
const facts = (name: string) => FACT_BY_NAME.get(name);

let withParams: CompiledPolicy;
let withoutParams: CompiledPolicy;
let rows: ReturnType<typeof sqlPopulation>;
// A table that lacks some facts: they are unknown for the query and for the batch alike.
const SOME: FactDef[] = FACTS.filter((_, i) => i % 3 !== 1);

beforeAll(async () => {
  const set = await bundledPolicies();
  withParams = compilePolicy(set, { 'm03-district-housing-subsidy': 60_000, 'm03-talent-salary-multiple': 1.5 });
  withoutParams = compilePolicy(set, {});
  rows = sqlPopulation(withParams, FACTS, COUNT, 2024);
});

const query = (compiled: CompiledPolicy, dialect: SqlDialect, columns: readonly FactDef[], shape: SqlShape, table: string) =>
  compileSqlQuery(compiled, { dialect, table, columns: columns.map((def) => def.name), asOf: AS_OF, shape, facts });

/** The batch's decisions, once per policy and columns (by identity): DuckDB and PostgreSQL are held to the same. */
const expectations = new Map<CompiledPolicy, Map<readonly FactDef[], ReturnType<typeof batchExpectation>>>();
function expectationFor(compiled: CompiledPolicy, columns: readonly FactDef[]) {
  const byColumns = expectations.get(compiled) ?? new Map<readonly FactDef[], ReturnType<typeof batchExpectation>>();
  expectations.set(compiled, byColumns);
  if (!byColumns.has(columns)) byColumns.set(columns, batchExpectation(compiled, AS_OF, columns, rows));
  return byColumns.get(columns)!;
}

/** The query's rows compared with the batch's: every (applicant, item, status, estimate), and per applicant the statuses and total. */
function compare(compiled: CompiledPolicy, columns: readonly FactDef[], long: Record<string, unknown>[], wide: Record<string, unknown>[]): void {
  const expected = expectationFor(compiled, columns);
  const got = long.map((row) => longKey(row as Parameters<typeof longKey>[0])).sort();
  expect(got.length).toBe(expected.long.length);
  expect(got).toEqual(expected.long);
  expect(new Set(got.map((key) => key.split('|')[4]))).toEqual(new Set(['eligible', 'undetermined']));
  // Summed in item order here and by value in the batch: equal to the fen.
  const line = (id: unknown, statuses: unknown[], total: unknown) => `${String(id)} ${statuses.join(',')} ${Math.round(Number(total) * 100)}`;
  const gotWide = wide.map((row) => line(row.id, compiled.items.map(({ item }) => row[item.id]), row.total_estimate_cny)).sort();
  const wantWide = [...expected.wide].map(([id, want]) => line(id, want.statuses, want.total)).sort();
  expect(gotWide).toEqual(wantWide);
}

/**
 * Every declared spelling of every enum value (names, labels, aliases), upper-cased and padded with spaces, and
 * numbers the facts do not allow (`notNumbers`: NaN and infinities as the engine writes them; one below the least),
 * each as a one-row query of its column's typed value: what check reads, or NULL.
 */
function typedCases(dialect: SqlDialect, notNumbers: readonly string[]): { sql: string; expected: Map<string, string | number | null> } {
  const expected = new Map<string, string | number | null>();
  const selects: string[] = [];
  const v = dialect.identifier('v');
  const add = (def: FactDef, raw: string, want: string | number | null, type: string) => {
    const key = `k${expected.size}`;
    expected.set(key, want);
    selects.push(`SELECT ${dialect.string(key)} AS k, CAST(${checkedColumn(def, DECLARED, v, dialect).value} AS ${dialect.text}) AS typed FROM (SELECT CAST(${raw} AS ${type}) AS ${v}) AS t`);
  };
  for (const def of FACTS) {
    if (def.type === 'enum') {
      const table = valueTableOf(DECLARED, def);
      for (const [spelling, value] of valueSpellings(DECLARED, def)) {
        if (table.values.get(spellingKey(spelling)) !== value) continue;
        for (const written of [spelling, spelling.toUpperCase(), `  ${spelling} `]) add(def, dialect.string(written), value as string, dialect.text);
      }
      for (const [spelling] of table.ambiguous) add(def, dialect.string(spelling), null, dialect.text);
      add(def, dialect.string('不知道'), null, dialect.text);
      add(def, dialect.string(''), null, dialect.text);
    } else if (def.type !== 'boolean') {
      for (const raw of [...notNumbers, String(def.min - 1)]) add(def, raw, null, dialect.double);
      add(def, String(def.min), String(def.min), dialect.double);
    }
  }
  return { sql: selects.join('\nUNION ALL\n'), expected };
}

/** The typed values a one-row query gives, against what check reads (numbers compared as numbers). */
function expectTyped(rows: Record<string, unknown>[], expected: Map<string, string | number | null>): void {
  expect(rows.length).toBe(expected.size);
  const got = new Map(rows.map((row) => [row.k as string, row.typed === null ? null : String(row.typed)]));
  const want = new Map([...expected].map(([key, value]) => [key, value === null ? null : String(value)]));
  const numeric = (value: string | null | undefined) => (value === null || value === undefined || Number.isNaN(Number(value)) ? value : String(Number(value)));
  expect(new Map([...got].map(([key, value]) => [key, numeric(value)]))).toEqual(new Map([...want].map(([key, value]) => [key, numeric(value)])));
}

describe('the SQL query on DuckDB', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  const run = async (sql: string) => {
    const reader = await connection.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader.getRowsJS().map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]])));
  };

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    // The table as populationSql creates it; the rows through DuckDB's appender: it parses INSERT text slowly (6.6 s
    // for these 10,000 rows, against about 0.1 s appended). PostgreSQL below takes the INSERT text.
    const dialect = SQL_DIALECTS.duckdb;
    await connection.run(populationSql('applicants', FACTS, [], dialect)[0]!);
    const appender = await connection.createAppender('applicants');
    for (const { id, profile } of rows) {
      appender.appendVarchar(id);
      for (const def of FACTS) {
        const value = profile[def.name];
        if (value === undefined) appender.appendNull();
        else if (typeof value === 'boolean') appender.appendBoolean(value);
        else if (typeof value === 'string') appender.appendVarchar(value);
        else if (def.type === 'integer') appender.appendBigInt(BigInt(value));
        else appender.appendDouble(value);
      }
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`CREATE TABLE main.partial AS SELECT id, ${SOME.map((def) => dialect.identifier(def.name)).join(', ')} FROM applicants`);
  }, 120_000);
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  it(`decides ${COUNT} applicants as the batch does, every item, status and estimate`, async () => {
    const dialect = SQL_DIALECTS.duckdb;
    compare(withParams, FACTS, await run(query(withParams, dialect, FACTS, 'long', 'applicants')), await run(query(withParams, dialect, FACTS, 'wide', 'applicants')));
  });

  it('reads labels and aliases as check does; a value the facts do not allow is unknown and named in invalid_facts', async () => {
    const dialect = SQL_DIALECTS.duckdb;
    const names = ['applicantType', 'degree', 'employerSize', 'softwareSector', 'socialInsuranceMonths', 'contractYears', 'internRetentionRate'];
    const columns = names.map((name) => FACT_BY_NAME.get(name)!);
    // Months as DOUBLE, as a table exported from a spreadsheet may hold them: 6.5 stays 6.5.
    await connection.run(populationSql('spelled', columns, [], dialect)[0]!.replace('"socialInsuranceMonths" BIGINT', '"socialInsuranceMonths" DOUBLE'));
    // Each row as written, and as check reads it: the same decisions, and the facts named whose value was not allowed.
    const rows: [string, string, string, string, boolean, number, number, number, string | null][] = [
      // id, written: applicantType, degree, employerSize, softwareSector, months, years, rate; the facts named
      ['named', 'employer', 'master', 'small', true, 6, 2, 0.5, null],
      ['labels', '用人单位', '  Master ', 'SMALL', true, 6, 2, 0.5, null],
      ['chinese', '用人单位', '硕士', '小型', true, 6, 2, 0.5, null],
      ['ambiguous', 'employer', '研究生', '小微', true, 6, 2, 0.5, 'degree, employerSize'],
      ['unknown', 'employer', '不知道', '', true, 6, 2, 0.5, null],
      ['wrong', 'employer', 'PhD', 'small', true, -3, 2, 1.5, 'degree, socialInsuranceMonths, internRetentionRate'],
      ['fraction', 'employer', 'master', 'small', true, 6.5, 2, 0.5, 'socialInsuranceMonths'],
      ['agency', 'hr-agency', 'master', 'small', true, 6, 2, 0.5, null],
      // The label as facts.yaml writes it, with full-width parentheses.
      ['agency-label', '人力资源服务机构（含社会组织、个人引才者）', 'master', 'small', true, 6, 2, 0.5, null],
    ];
    const literal = (value: string | number | boolean) => (typeof value === 'string' ? dialect.string(value) : String(value));
    await connection.run(`INSERT INTO spelled VALUES ${rows.map((row) => `(${row.slice(0, 8).map(literal).join(', ')})`).join(', ')}`);
    const sql = compileSqlQuery(withParams, { dialect, table: 'spelled', columns: names, asOf: AS_OF, shape: 'wide', facts });
    const got = new Map((await run(sql)).map((row) => [row.id as string, row]));
    const decisions = (row: Record<string, unknown>) => JSON.stringify(Object.entries(row).filter(([key]) => key !== 'id' && key !== 'invalid_facts'));
    const expectSame = (id: string, as: string) => expect(decisions(got.get(id)!), `${id} as ${as}`).toBe(decisions(got.get(as)!));
    for (const [id, , , , , , , , named] of rows) expect(got.get(id)!.invalid_facts, id).toBe(named);
    expectSame('labels', 'named');
    expectSame('chinese', 'named');
    expectSame('agency-label', 'agency');
    // As if the flagged facts were blank (unknown).
    await connection.run(`INSERT INTO spelled VALUES ('ambiguous-blank', 'employer', NULL, NULL, TRUE, 6, 2, 0.5), ('wrong-blank', 'employer', NULL, 'small', TRUE, NULL, 2, NULL), ('fraction-blank', 'employer', 'master', 'small', TRUE, NULL, 2, 0.5)`);
    const again = new Map((await run(sql)).map((row) => [row.id as string, row]));
    for (const [id, as] of [['ambiguous', 'ambiguous-blank'], ['unknown', 'ambiguous-blank'], ['wrong', 'wrong-blank'], ['fraction', 'fraction-blank']] as const) {
      expect(decisions(again.get(id)!), `${id} as ${as}`).toBe(decisions(again.get(as)!));
    }
    expect(Object.values(got.get('named')!)).toContain('eligible');
  });

  it('types every declared spelling of every enum value as check reads it; NaN, infinity and numbers out of range as unknown', async () => {
    const { sql, expected } = typedCases(SQL_DIALECTS.duckdb, ["'NaN'", "'Infinity'", "'-Infinity'"]);
    expect(expected.size).toBeGreaterThan(300);
    expectTyped(await run(sql), expected);
  });

  it('folds the facts a table lacks, and parameters not supplied, to unknown as the batch does', async () => {
    const dialect = SQL_DIALECTS.duckdb;
    compare(withoutParams, SOME, await run(query(withoutParams, dialect, SOME, 'long', 'main.partial')), await run(query(withoutParams, dialect, SOME, 'wide', 'main.partial')));
  });
});

describe('the SQL query on PostgreSQL (PGlite)', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    for (const statement of populationSql('applicants', FACTS, rows, SQL_DIALECTS.postgres)) await db.exec(statement);
    // PGlite starts a PostgreSQL (initdb included) in WebAssembly: a few seconds, far more on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('types every declared spelling of every enum value as check reads it; NaN, infinity and numbers out of range as unknown', async () => {
    const { sql, expected } = typedCases(SQL_DIALECTS.postgres, ["'NaN'", "'Infinity'", "'-Infinity'"]);
    expectTyped((await db.query<Record<string, unknown>>(sql)).rows, expected);
  });

  it(`decides ${COUNT} applicants as the batch does, every item, status and estimate`, async () => {
    const dialect = SQL_DIALECTS.postgres;
    const run = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows;
    compare(withParams, FACTS, await run(query(withParams, dialect, FACTS, 'long', 'applicants')), await run(query(withParams, dialect, FACTS, 'wide', 'applicants')));
  });
});
