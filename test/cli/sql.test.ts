import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const sql = (args: string[]) => runCli(['sql', '--as-of', '2024-06-30', ...args]);

describe('subsidy sql', () => {
  it('prints one deterministic query per dialect, quoting names as the dialect does', async () => {
    const [duck, again, spark, pg] = await Promise.all([sql(['--dialect', 'duckdb']), sql(['--dialect', 'duckdb']), sql(['--dialect', 'spark']), sql(['--dialect', 'postgres'])]);
    expect(duck.code).toBe(0);
    expect(duck.stdout).toBe(again.stdout);
    expect(duck.stdout.split('\n')[0]).toBe('-- subsidy sql: dialect duckdb, as of 2024-06-30, shape long; one row per applicant and eligible or undetermined item');
    expect(duck.stdout).toContain('    -- m14-graduate-hiring-subsidy (measure 14)\n');
    expect(duck.stdout).toContain('"applicantType"');
    expect(spark.stdout).toContain('`applicantType`');
    expect(spark.stdout).not.toContain('"applicantType"');
    expect(pg.stdout).toContain('CAST(NULL AS DOUBLE PRECISION)');
  });

  it('folds the facts the table lacks: a query over --columns reads no other column', async () => {
    const { code, stdout } = await sql(['--dialect', 'postgres', '--columns', 'applicantType,degree', '--table', 'hr.applicants', '--shape', 'wide']);
    expect(code).toBe(0);
    expect([...stdout.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1])).toEqual(expect.arrayContaining(['applicantType', 'degree']));
    expect(new Set([...stdout.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]))).toEqual(new Set(['id', 'applicantType', 'degree']));
    expect(stdout).toContain('FROM hr.applicants\n');
    expect(stdout).toContain(' AS total_estimate_cny\n');
  });

  it.each([
    [['--dialect', 'oracle'], /--dialect.*oracle.*duckdb, postgres, spark/],
    [['--dialect', 'duckdb', '--columns', 'degree,degre'], /--columns: "degre" is not a fact; did you mean "degree"\?/],
    [['--dialect', 'duckdb', '--table', 'x; DROP TABLE y'], /--table: "x; DROP TABLE y" is not a plain table name/],
    [['--dialect', 'duckdb', '--table', 'a.b.c'], /--table: "a.b.c" is not a plain table name/],
  ])('refuses %j with exit 2 and one clear line', async (args, message) => {
    const { code, stdout, stderr } = await sql(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
