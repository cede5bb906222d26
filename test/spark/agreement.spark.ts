import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compilePolicy } from '../../src/engine/evaluate.js';
import { SQL_DIALECTS } from '../../src/policy/condition-sql.js';
import { loadPolicies } from '../../src/policy/load.js';
import { compileSqlQuery } from '../../src/sql/compile-query.js';
import { batchExpectation, columnType, longKey, sqlPopulation } from '../support/sql-population.js';
import { FACT_BY_NAME, FACTS } from '../support/facts.js';
import { tempDir } from '../support/temp-dir.js';

const PYTHON = process.env.PYTHON ?? 'python3';
const COUNT = 10_000;
const AS_OF = '2024-06-30';

const pyspark = spawnSync(PYTHON, ['-c', 'import pyspark; print(pyspark.__version__)'], { encoding: 'utf8' });
const skip = pyspark.status !== 0 ? `pyspark is not importable by ${PYTHON} (pip install pyspark, with a JDK 17 on PATH)` : '';
if (skip) console.log(`test:spark skipped: ${skip}`);

it.skipIf(Boolean(skip))(`Spark ${pyspark.stdout.trim()} decides ${COUNT} applicants as the batch does`, async () => {
  const compiled = compilePolicy(await loadPolicies(new URL('../../policies', import.meta.url).pathname), { 'm03-district-housing-subsidy': 60_000 });
  const rows = sqlPopulation(compiled, FACTS, COUNT, 2024);
  const dir = tempDir('subsidy-spark-');
  const path = (name: string) => join(dir, name);
  // \N is null (unknown); values hold no comma, quote or line break.
  const cell = (value: unknown) => (value === undefined ? '\\N' : String(value));
  writeFileSync(path('applicants.csv'), [['id', ...FACTS.map((def) => def.name)].join(','), ...rows.map(({ id, profile }) => [id, ...FACTS.map((def) => cell(profile[def.name]))].join(','))].join('\n'));
  const dialect = SQL_DIALECTS.spark;
  const schema = ['id STRING', ...FACTS.map((def) => `\`${def.name}\` ${columnType(def, dialect)}`)].join(', ');
  const query = compileSqlQuery(compiled, { dialect, table: 'applicants', columns: FACTS.map((def) => def.name), asOf: AS_OF, shape: 'long', facts: (name) => FACT_BY_NAME.get(name) });
  writeFileSync(path('query.sql'), query);
  writeFileSync(
    path('run.py'),
    `import json, sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[2]").appName("subsidy-sql").getOrCreate()
spark.read.csv(sys.argv[1], header=True, schema=${JSON.stringify(schema)}, nullValue="\\\\N").createOrReplaceTempView("applicants")
rows = spark.sql(open(sys.argv[2], encoding="utf-8").read().strip().rstrip(";")).collect()
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for row in rows:
        out.write(json.dumps(row.asDict()) + "\\n")
spark.stop()
`,
  );
  const ran = spawnSync(PYTHON, [path('run.py'), path('applicants.csv'), path('query.sql'), path('out.ndjson')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  expect(ran.status).toBe(0);
  const got = readFileSync(path('out.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => longKey(JSON.parse(line))).sort();
  const want = batchExpectation(compiled, AS_OF, FACTS, rows).long;
  const wanted = new Set(want);
  const agree = got.filter((key) => wanted.has(key)).length;
  console.log(`test:spark: ${agree} of ${want.length} (applicant, item, status, estimate) rows agree; Spark gave ${got.length}`);
  expect(got).toEqual(want);
});
