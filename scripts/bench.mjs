// npm run bench: speed and memory of `subsidy batch` on a seeded 1,000,000-row applicant CSV (as it runs by default,
// and with --single-thread, to show what the reader thread gains; and its first 40,000 rows, a file read on the main
// thread, against the same rows with --reader-thread), against a parse-only pass with the same CSV parser
// and against json-rules-engine evaluating the same items on a 20,000-row sample.
// Each run is a child process, timed by the wall clock; its peak RSS and CPU time come from process.resourceUsage().
// Then start-up: wall time of `check --profile`, `--version` and `--help` against `node -e 0` (medians of 7, taken in
// turns in the same run so that they share the machine's load; and the check started from the ES modules, not the
// start-up bundle), and the wall time of `npm test`: the build (up to date) and the suite.
// Then the query of `subsidy sql` in DuckDB on the same rows, and on them ten times over.
// Then the xlsx path on 100,000 of the same rows: a workbook in, a workbook out, each way, against csv to csv.
// Usage: node scripts/bench.mjs [--rows N] [--keep] [--generate-only] [--startup] [--no-tests] [--sql] [--xlsx]   (after npm run build)
//   --startup: only the start-up lines and the test suite; --no-tests: without the test suite;
//   --sql: only the batch and the SQL lines; --xlsx: only the xlsx lines.
import { spawn } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { Engine } from 'json-rules-engine';
import { READER_THREAD_MIN_MIB } from '../dist/batch/choices.js';
import { compilePolicy } from '../dist/engine/evaluate.js';
import { loadPolicies } from '../dist/policy/load.js';
import { codedRowEvaluator } from '../dist/batch/evaluate-row.js';
import { profileRows, scanCodedRows } from '../dist/batch/read-applicants.js';
import { factNamed } from '../dist/facts/facts.js';
import { SQL_DIALECTS } from '../dist/policy/condition-sql.js';
import { compileSqlQuery } from '../dist/sql/compile-query.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'subsidy.js');
const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf('--rows') + 1] ?? NaN) || 1_000_000;
const KEEP = args.includes('--keep');
const SEED = 20240630;
const AS_OF = '2024-06-30';
const SAMPLE = 20_000;
/** Rows of the xlsx lines (Excel's sheet holds 1,048,576). */
const XLSX_ROWS = 100_000;
const STARTUP_ONLY = args.includes('--startup');
const TESTS = !args.includes('--no-tests');
const TARGETS = { rowsPerSecond: 300_000, parseRatio: 2, rssMB: 150, jreRatio: 100, checkStartRatio: 2, helpStartRatio: 1.5, testSeconds: 60 };

// ---------------------------------------------------------------------------------------------------------------
// A seeded applicant population, as an analyst would export it from Excel on Chinese Windows: UTF-8 with BOM, CRLF,
// Chinese headers and labels, a name and a remarks column the tool does not know, salaries with thousands
// separators (quoted), remarks with commas and line breaks (quoted), blank cells, and about one bad row in 2,000.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(path, rows) {
  const random = mulberry32(SEED);
  const pick = (weighted) => {
    let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
    return weighted[weighted.length - 1][0];
  };
  const yesNo = (p) => (random() < p ? '是' : '否');
  const blank = (value, p = 0.06) => (random() < p ? '' : value);
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
  const given = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明'];
  const header = [
    '编号', '姓名', '申请人类型', '学历', '职称', '年薪', '年薪倍数', '劳动合同年限', '社保月数', '软件和信息服务业', '相关专业',
    '毕业年度高校毕业生', '离校年限', '博士后', '鸿雁计划', '高层次人才', '事业单位用人', '登记失业', '就业困难人员', '本市户籍',
    '残疾人员', '企业规模', '见习月数', '创业类型', '软考级别', '数字技术工程师证书', '职业技能等级证书', '境外人才', '备注',
  ];
  const out = createWriteStream(path);
  let text = `\uFEFF${header.join(',')}\r\n`;
  for (let i = 1; i <= rows; i++) {
    const employer = random() < 0.25;
    const degree = pick([['大专', 20], ['本科', 50], ['硕士', 20], ['博士', 5], ['中专/高中', 5]]);
    const salary = Math.round((60_000 + random() * random() * 600_000) / 1000) * 1000;
    const salaryText = random() < 0.3 ? `"${salary.toLocaleString('en-US')}"` : String(salary);
    const years = Math.floor(random() * 12);
    let remark = '';
    const r = random();
    if (r < 0.01) remark = '"核对中, 待补充材料"';
    else if (r < 0.015) remark = '"原单位：某软件公司\r\n现单位：另一家公司"';
    else if (r < 0.1) remark = '已核实';
    const cells = [
      `A${String(i).padStart(7, '0')}`,
      `${surnames[Math.floor(random() * surnames.length)]}${given[Math.floor(random() * given.length)]}`,
      employer ? '用人单位' : '个人',
      blank(degree),
      blank(pick([['无', 40], ['初级', 30], ['中级', 22], ['高级', 8]])),
      blank(salaryText),
      blank((salary / 113_000).toFixed(2)),
      blank(String(pick([[1, 30], [2, 25], [3, 30], [5, 15]]))),
      blank(String(Math.floor(random() * 72))),
      yesNo(0.85),
      blank(yesNo(0.7)),
      blank(years === 0 ? '是' : '否'),
      blank(String(years)),
      blank(pick([['否', 97], ['在站（进站）', 2], ['已出站', 1]]), 0.2),
      blank(yesNo(0.01), 0.1),
      blank(yesNo(0.03), 0.1),
      blank(yesNo(0.05)),
      blank(yesNo(0.05)),
      blank(yesNo(0.04)),
      blank(yesNo(0.6)),
      blank(yesNo(0.02)),
      blank(pick([['微型', 20], ['小型', 35], ['中型', 30], ['大型', 15]])),
      employer ? blank(String(Math.floor(random() * 24))) : '',
      blank(pick([['无', 90], ['个人创业', 5], ['小微企业', 5]]), 0.2),
      blank(pick([['无', 70], ['初级', 12], ['中级', 12], ['高级', 6]]), 0.2),
      blank(pick([['无', 85], ['培训合格', 8], ['初级', 4], ['中级', 2], ['高级', 1]]), 0.2),
      blank(yesNo(0.15)),
      blank(yesNo(0.02), 0.2),
      remark,
    ];
    if (random() < 0.0005) {
      // What hand-edited exports contain: a guess at a number (十几), an English label the tool does not know, a maybe.
      const bad = pick([[['社保月数', '十几'], 1], [['学历', 'PhD'], 1], [['相关专业', '待定'], 1]]);
      cells[header.indexOf(bad[0])] = bad[1];
    }
    text += `${cells.join(',')}\r\n`;
    if (text.length > 1 << 16) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

// ---------------------------------------------------------------------------------------------------------------

/** Runs a node script in a child and reports its wall time and peak RSS (process.resourceUsage at exit). */
function runNode(argv, { stdout = 'ignore' } = {}) {
  const report =
    "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, `\\nBENCH_USAGE=${u.maxRSS},${u.userCPUTime},${u.systemCPUTime}\\n`); });";
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // `node -e CODE SCRIPT ARGS` leaves process.argv as [node, SCRIPT, ARGS]: the script sees what it would see run directly.
    const child = spawn(process.execPath, ['-e', `${report} import(require('node:url').pathToFileURL(process.argv[1]).href);`, ...argv], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
      stdio: ['ignore', stdout, 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const usage = /BENCH_USAGE=(\d+),(\d+),(\d+)/.exec(stderr);
      resolve({
        code,
        seconds,
        rssMB: usage ? Number(usage[1]) / 1024 : NaN,
        cpuSeconds: usage ? (Number(usage[2]) + Number(usage[3])) / 1e6 : NaN,
        systemSeconds: usage ? Number(usage[3]) / 1e6 : NaN,
        stderr: stderr.replace(/\nBENCH_USAGE=[\d,]+\n/, ''),
      });
    });
  });
}

const dist = (path) => new URL(`../dist/batch/${path}`, import.meta.url).href;
const PARSE_ONLY = `
import { createReadStream } from 'node:fs';
import { decodeText } from '${dist('decode-text.js')}';
import { csvRecords } from '${dist('csv-records.js')}';
import { READ_CHUNK_BYTES } from '${dist('read-applicants.js')}';
const file = process.argv[2];
let records = 0;
const text = decodeText(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), { file, warn: () => {} });
for await (const _ of csvRecords(text, { visit: () => records++, keepCells: Infinity }));
process.stderr.write('records=' + records + '\\n');
`;

// ---------------------------------------------------------------------------------------------------------------
// json-rules-engine: the same items, their condition trees translated rule by rule. all/any/not map directly; a
// comparison becomes an operator. It is two-valued: a missing fact fails its comparison (allowUndefinedFacts), so
// "undetermined" does not exist there and it does less than the three-valued engine does.

function jreCondition(node, params) {
  if (node.all) return { all: node.all.map((child) => jreCondition(child, params)) };
  if (node.any) return { any: node.any.map((child) => jreCondition(child, params)) };
  if (node.not) return { not: jreCondition(node.not, params) };
  const value = (t) => (typeof t === 'number' ? t : (params[t.param] ?? Number.NaN));
  const fact = node.fact;
  if (node.equals !== undefined) return { fact, operator: 'equal', value: node.equals };
  if (node.is !== undefined) return { fact, operator: 'equal', value: node.is };
  if (node.in !== undefined) return { fact, operator: 'in', value: node.in };
  if (node.gte !== undefined) return { fact, operator: 'greaterThanInclusive', value: value(node.gte) };
  if (node.gt !== undefined) return { fact, operator: 'greaterThan', value: value(node.gt) };
  if (node.lte !== undefined) return { fact, operator: 'lessThanInclusive', value: value(node.lte) };
  if (node.lt !== undefined) return { fact, operator: 'lessThan', value: value(node.lt) };
  if (node.between !== undefined) {
    return {
      all: [
        { fact, operator: 'greaterThanInclusive', value: value(node.between[0]) },
        { fact, operator: 'lessThanInclusive', value: value(node.between[1]) },
      ],
    };
  }
  // The one place outside the operator table that knows the operators: json-rules-engine's own vocabulary.
  throw new Error(`bench: no json-rules-engine translation for the condition ${JSON.stringify(node)}; add one in jreCondition`);
}

function jreEngine(compiled) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const entry of compiled.items) {
    const audience = { fact: 'applicantType', operator: 'in', value: [...entry.audience] };
    engine.addRule({ name: entry.item.id, conditions: { all: [audience, jreCondition(entry.item.when, compiled.params)] }, event: { type: entry.item.id } });
  }
  return engine;
}

// ---------------------------------------------------------------------------------------------------------------

const count = (n) => Math.round(n).toLocaleString('en-US');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const line = (label, ...cells) => console.log(`  ${label.padEnd(38)}${cells.join('   ')}`);

// ---------------------------------------------------------------------------------------------------------------
// Start-up: each command a new process, as at a service window; the same commands in turns, 7 rounds, medians.

/** Wall time of one process to its end, in seconds. */
function timeProcess(argv, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e9) : reject(new Error(`${argv.join(' ')} exited ${code}`))));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function startup() {
  const load = () => loadavg()[0].toFixed(2);
  console.log(`subsidy start-up bench: medians of 7, ${availableParallelism()} CPUs, node ${process.version}, load ${load()}`);
  const profile = ['check', '--profile', 'fixtures/profiles/graduate-small-firm.yaml', '--as-of', AS_OF];
  const runs = {
    'node -e 0': ['-e', '0'],
    'subsidy --version': [BIN, '--version'],
    'subsidy --help': [BIN, '--help'],
    'subsidy check --profile': [BIN, ...profile],
    'subsidy check --profile --no-cache': [BIN, ...profile, '--no-cache'],
    // The same check from the ES modules, as it started before the start-up bundle (src/cli/launch.cts): what it gains.
    'check, from the modules': ['-e', `import(${JSON.stringify(new URL('../dist/cli/entry.js', import.meta.url).href)}).then((m) => m.main())`, BIN, ...profile],
  };
  const times = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (const argv of Object.values(runs)) await timeProcess(argv); // warm the disk cache once
  for (let round = 0; round < 7; round++) for (const [name, argv] of Object.entries(runs)) times[name].push(await timeProcess(argv));
  const node = median(times['node -e 0']);
  for (const name of Object.keys(runs)) {
    const seconds = median(times[name]);
    line(name, `${(seconds * 1000).toFixed(0)} ms`, name === 'node -e 0' ? '' : `${(seconds / node).toFixed(2)}× node -e 0`);
  }
  let tests = null;
  if (TESTS) {
    // CPU time of the suite and its workers (Linux: the waited-for children's times in /proc/self/stat), which a
    // busy machine does not stretch as it stretches the wall time.
    const childCpu = async () => {
      const fields = (await readFile('/proc/self/stat', 'utf8').catch(() => '')).split(') ')[1]?.split(' ');
      return fields ? (Number(fields[13]) + Number(fields[14])) / 100 : NaN;
    };
    // What `npm test` runs before the suite: the build, up to date here (npm run bench has just built).
    const buildStarted = Date.now();
    await new Promise((resolve, reject) => {
      const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', shell: process.platform === 'win32' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    const buildSeconds = (Date.now() - buildStarted) / 1000;
    line('npm run build (up to date)', `${buildSeconds.toFixed(1)} s`);
    const cpuBefore = await childCpu();
    const started = Date.now();
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: ROOT, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    tests = { buildSeconds, seconds: (Date.now() - started) / 1000, cpuSeconds: (await childCpu()) - cpuBefore, ...JSON.parse(await readFile(join(ROOT, 'test-results', 'vitest.json'), 'utf8')) };
    line('the test suite (vitest run)', `${tests.seconds.toFixed(1)} s`, `CPU ${tests.cpuSeconds.toFixed(1)} s`, `${tests.numPassedTests} passed, ${tests.numFailedTests} failed, ${tests.numPendingTests} skipped`);
  }
  const ratio = (name) => median(times[name]) / node;
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log('Targets:');
  line(`check --profile ≤ ${TARGETS.checkStartRatio}× node -e 0`, `${ratio('subsidy check --profile').toFixed(2)}×`, verdict(ratio('subsidy check --profile') <= TARGETS.checkStartRatio));
  for (const name of ['subsidy --version', 'subsidy --help']) line(`${name.slice(8)} ≤ ${TARGETS.helpStartRatio}× node -e 0`, `${ratio(name).toFixed(2)}×`, verdict(ratio(name) <= TARGETS.helpStartRatio));
  if (tests) {
    const npmTest = tests.buildSeconds + tests.seconds;
    line(`npm test (build + suite) ≤ ${TARGETS.testSeconds} s`, `${npmTest.toFixed(1)} s`, verdict(npmTest <= TARGETS.testSeconds && tests.numFailedTests === 0));
  }
  console.log(`(load average ${load()} at the end)`);
}

if (STARTUP_ONLY) {
  await startup();
  process.exit(0);
}

if (args.includes('--xlsx')) {
  const xlsxDir = await mkdtemp(join(tmpdir(), 'subsidy-bench-'));
  try {
    console.log(`subsidy batch bench, xlsx: ${count(XLSX_ROWS)} rows, seed ${SEED}, as of ${AS_OF}, ${availableParallelism()} CPUs, node ${process.version}, load ${loadavg()[0].toFixed(2)}`);
    await xlsxBench(xlsxDir);
  } finally {
    if (!KEEP) await rm(xlsxDir, { recursive: true, force: true });
  }
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), 'subsidy-bench-'));
try {
  const csv = join(dir, 'applicants.csv');
  const out = join(dir, 'results.csv');
  const load = () => loadavg()[0].toFixed(2);
  console.log(`subsidy batch bench: ${count(ROWS)} rows, seed ${SEED}, as of ${AS_OF}, ${availableParallelism()} CPUs, node ${process.version}, load ${load()}`);

  let started = Date.now();
  await generate(csv, ROWS);
  line('generate the CSV', `${((Date.now() - started) / 1000).toFixed(1)} s`, mb(statSync(csv).size));
  if (args.includes('--generate-only')) {
    console.log(`CSV in ${csv}`);
    process.exit(0);
  }

  const batch = await runNode([BIN, 'batch', csv, '--out', out, '--as-of', AS_OF]);
  const rowsRead = Number((/Rows read: ([\d,]+)/.exec(batch.stderr)?.[1] ?? '0').replace(/,/g, ''));
  if (batch.code === 2 || rowsRead !== ROWS) {
    console.error(batch.stderr);
    throw new Error(`subsidy batch exited ${batch.code} having read ${rowsRead} rows of ${ROWS}`);
  }
  const batchRate = ROWS / batch.seconds;
  const errors = /errors ([\d,]+)/.exec(batch.stderr)?.[1] ?? '?';
  line('subsidy batch (csv to a file)', `${batch.seconds.toFixed(2)} s`, `CPU ${batch.cpuSeconds.toFixed(2)} s (kernel ${batch.systemSeconds.toFixed(2)} s)`, `${count(batchRate)} rows/s`, `peak RSS ${batch.rssMB.toFixed(0)} MB`, `output ${mb(statSync(out).size)}`, `exit ${batch.code}, ${errors} bad rows`);

  // Its own output file: replacing the first would hand it the pages the first one freed, warm.
  const single = await runNode([BIN, 'batch', csv, '--out', join(dir, 'results-single-thread.csv'), '--as-of', AS_OF, '--single-thread']);
  line('subsidy batch --single-thread', `${single.seconds.toFixed(2)} s`, `CPU ${single.cpuSeconds.toFixed(2)} s (kernel ${single.systemSeconds.toFixed(2)} s)`, `${count(ROWS / single.seconds)} rows/s`, `peak RSS ${single.rssMB.toFixed(0)} MB`, `the reader thread gains ${(single.seconds / batch.seconds).toFixed(2)}×`);

  if (args.includes('--sql')) {
    await sqlBench(csv, dir, batch.seconds);
    // process.exit skips the finally below: the folder goes first.
    if (!KEEP) await rm(dir, { recursive: true, force: true });
    process.exit(0);
  }
  // A file under READER_THREAD_MIN_MIB is read on the main thread: the same rows with --reader-thread show what
  // starting the thread would cost them.
  const smallRows = Math.min(ROWS, 40_000);
  const small = join(dir, 'small.csv');
  await generate(small, smallRows);
  const times = { main: [], thread: [] };
  for (let round = 0; round < 5; round++) {
    times.main.push((await runNode([BIN, 'batch', small, '--out', join(dir, 'small-main.csv'), '--as-of', AS_OF])).seconds);
    times.thread.push((await runNode([BIN, 'batch', small, '--out', join(dir, 'small-thread.csv'), '--as-of', AS_OF, '--reader-thread'])).seconds);
  }
  const [onMain, onThread] = [median(times.main), median(times.thread)];
  line(`subsidy batch, ${count(smallRows)} rows`, `${onMain.toFixed(2)} s`, `${(statSync(small).size / 1024 / 1024).toFixed(1)} MiB, under ${READER_THREAD_MIN_MIB}: read on the main thread`, `--reader-thread ${onThread.toFixed(2)} s`, `the main thread gains ${(onThread / onMain).toFixed(2)}× (medians of 5)`);

  const parseOnly = await runParseOnly(csv, dir);
  const parseRate = ROWS / parseOnly.seconds;
  line('parse only (same reader and parser)', `${parseOnly.seconds.toFixed(2)} s`, `CPU ${parseOnly.cpuSeconds.toFixed(2)} s`, `${count(parseRate)} rows/s`, `peak RSS ${parseOnly.rssMB.toFixed(0)} MB`);

  const set = await loadPolicies(join(ROOT, 'policies'));
  const compiled = compilePolicy(set, {});
  // The same rows both ways: coded, as the batch decides them, and as profiles with the blank facts left out for
  // json-rules-engine.
  let columns = [];
  const coded = [];
  const profiles = [];
  const toProfile = profileRows(set.facts, false, (row) => 'profile' in row && profiles.push(row.profile));
  const visitor = {
    header: (facts) => {
      columns = facts;
      toProfile.header(facts);
    },
    ok: (row, id, codes, offset) => {
      coded.push(codes.slice(offset, offset + columns.length));
      toProfile.ok(row, id, codes, offset);
    },
    error: () => {},
  };
  for await (const _ of scanCodedRows({ path: csv }, { facts: set.facts }, visitor)) if (profiles.length >= SAMPLE) break;
  profiles.length = Math.min(profiles.length, SAMPLE);
  coded.length = profiles.length;
  const engine = jreEngine(compiled);
  started = Date.now();
  let jreEligible = 0;
  for (const profile of profiles) jreEligible += (await engine.run(profile)).events.length;
  const jreSeconds = (Date.now() - started) / 1000;
  const jreRate = profiles.length / jreSeconds;
  line(`json-rules-engine, ${count(profiles.length)} rows`, `${jreSeconds.toFixed(2)} s`, `${count(jreRate)} rows/s`, `${count(jreEligible)} eligible decisions (two-valued)`);

  const evaluate = codedRowEvaluator(compiled, AS_OF, columns);
  let ours = 0;
  for (const codes of coded) evaluate(codes, 0); // warm-up
  started = performance.now();
  const rounds = 5;
  for (let round = 0; round < rounds; round++) for (const codes of coded) ours += evaluate(codes, 0).eligible.length;
  const evalSeconds = (performance.now() - started) / 1000 / rounds;
  const evalRate = profiles.length / evalSeconds;
  line(`subsidy evaluation only, same rows`, `${evalSeconds.toFixed(3)} s`, `${count(evalRate)} rows/s`, `${count(ours / rounds)} eligible decisions (three-valued)`);

  const parseRatio = batch.seconds / parseOnly.seconds;
  const cpuRatio = batch.cpuSeconds / parseOnly.cpuSeconds;
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log('Targets:');
  line(`rows/s ≥ ${count(TARGETS.rowsPerSecond)}`, count(batchRate), verdict(batchRate >= TARGETS.rowsPerSecond));
  line(`end to end ÷ parse only ≤ ${TARGETS.parseRatio}×`, `${parseRatio.toFixed(2)}× (CPU time ${cpuRatio.toFixed(2)}×)`, verdict(parseRatio <= TARGETS.parseRatio));
  line(`peak RSS < ${TARGETS.rssMB} MB`, `${batch.rssMB.toFixed(0)} MB`, verdict(batch.rssMB < TARGETS.rssMB));
  // Like for like: both evaluate the same items on the same profiles in memory; end to end adds reading and writing.
  line(
    `≥ ${TARGETS.jreRatio}× json-rules-engine`,
    `evaluation ${count(evalRate / jreRate)}×, end to end ${count(batchRate / jreRate)}×`,
    verdict(evalRate / jreRate >= TARGETS.jreRatio),
  );
  await sqlBench(csv, dir, batch.seconds);
  await xlsxBench(dir);
  console.log(`(load average ${load()} at the end: figures from a busy machine are lower than it can do)`);
  if (KEEP) console.log(`Files kept in ${dir}`);
} finally {
  if (!KEEP) await rm(dir, { recursive: true, force: true });
}
console.log('');
await startup();

/** The same reading path as `subsidy batch` (64 KB reads, decoding, the record splitter), counting records and nothing else. */
async function runParseOnly(csv, dir) {
  const script = join(dir, 'parse-only.mjs');
  await writeFile(script, PARSE_ONLY);
  const result = await runNode([script, csv]);
  const records = Number(/records=(\d+)/.exec(result.stderr)?.[1]);
  if (records !== ROWS + 1) throw new Error(`parse only read ${records} records, expected ${ROWS + 1}`);
  return result;
}

/**
 * The generated query (long shape) in DuckDB on the bench's rows, written with fact names and canonical values as
 * a database would hold them, and on them ten times over; counted by status (the rows are made, not written out).
 */
async function sqlBench(csv, dir, batchSeconds) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const set = await loadPolicies(join(ROOT, 'policies'));
  const facts = join(dir, 'applicants-facts.csv');
  const out = createWriteStream(facts);
  let defs = [];
  let text = '';
  let rowsOk = 0;
  const visitor = {
    header: (names) => {
      defs = names.map((name) => factNamed(set.facts, name));
      text = `id,${names.join(',')}\n`;
    },
    ok: (_row, id, codes, offset) => {
      const cells = defs.map((def, k) => {
        const code = codes[offset + k];
        if (code !== code) return '';
        return def.type === 'enum' ? def.values[code] : def.type === 'boolean' ? String(code === 1) : String(code);
      });
      text += `${id},${cells.join(',')}\n`;
      rowsOk++;
    },
    error: () => {},
  };
  for await (const _ of scanCodedRows({ path: csv }, { facts: set.facts }, visitor)) {
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  const type = (def) => (def.type === 'boolean' ? 'BOOLEAN' : def.type === 'enum' ? 'VARCHAR' : 'DOUBLE');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const columns = `{'id': 'VARCHAR', ${defs.map((def) => `'${def.name}': '${type(def)}'`).join(', ')}}`;
  await connection.run(`CREATE TABLE applicants AS SELECT * FROM read_csv('${facts}', header = true, columns = ${columns}, nullstr = '')`);
  await connection.run(`CREATE TABLE applicants10 AS SELECT id || '-' || CAST(k AS VARCHAR) AS id, * EXCLUDE (id) FROM applicants, range(10) AS r(k)`);
  const compiled = compilePolicy(set, {});
  // The batch's bad rows are left out: the table holds the rows it decided.
  for (const [table, rows] of [['applicants', rowsOk], ['applicants10', rowsOk * 10]]) {
    const query = compileSqlQuery(compiled, { dialect: SQL_DIALECTS.duckdb, table, columns: defs.map((def) => def.name), asOf: AS_OF, shape: 'long', facts: (name) => factNamed(set.facts, name) });
    const started = performance.now();
    const reader = await connection.runAndReadAll(`SELECT status, count(*) AS n FROM (${query.trim().replace(/;$/, '')}) AS q GROUP BY status ORDER BY status`);
    const seconds = (performance.now() - started) / 1000;
    const counts = reader.getRowsJS().map(([status, n]) => `${count(Number(n))} ${status}`).join(', ');
    line(`subsidy sql in DuckDB, ${count(rows)} rows`, `${seconds.toFixed(2)} s`, `${count(rows / seconds)} rows/s`, counts, rows === rowsOk ? `batch on the same rows ${batchSeconds.toFixed(2)} s` : '');
  }
  connection.closeSync();
  instance.closeSync();
}

// ---------------------------------------------------------------------------------------------------------------
// The xlsx path: the first 100,000 rows of the same population as a workbook (numbers as numbers, the rest as
// text, as Excel keeps a typed sheet), through batch to a workbook, and each half of that against csv to csv.
async function xlsxBench(dir) {
  const { default: ExcelJS } = await import('exceljs');
  const { default: Papa } = await import('papaparse');
  const csv = join(dir, 'applicants-100k.csv');
  const xlsx = join(dir, 'applicants-100k.xlsx');
  let started = Date.now();
  await generate(csv, XLSX_ROWS);
  const records = Papa.parse((await readFile(csv, 'utf8')).replace(/^\uFEFF/, ''), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet('申请人');
  const typed = (cell) => (/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/.test(cell) ? Number(cell.replace(/,/g, '')) : cell === '' ? null : cell);
  records.forEach((record, k) => sheet.addRow(k === 0 ? record : record.map(typed)).commit());
  sheet.commit();
  await writer.commit();
  line(`make the xlsx, ${count(XLSX_ROWS)} rows`, `${((Date.now() - started) / 1000).toFixed(1)} s`, mb(statSync(xlsx).size));
  const run = async (label, input, output) => {
    const result = await runNode([BIN, 'batch', input, '--out', join(dir, output), '--as-of', AS_OF, '--lang', 'en']);
    const rowsRead = Number((/Rows read: ([\d,]+)/.exec(result.stderr)?.[1] ?? '0').replace(/,/g, ''));
    if (result.code === 2 || rowsRead !== XLSX_ROWS) {
      console.error(result.stderr);
      throw new Error(`${label} exited ${result.code} having read ${rowsRead} rows of ${XLSX_ROWS}`);
    }
    line(label, `${result.seconds.toFixed(2)} s`, `CPU ${result.cpuSeconds.toFixed(2)} s`, `${count(XLSX_ROWS / result.seconds)} rows/s`, `peak RSS ${result.rssMB.toFixed(0)} MB`, `output ${mb(statSync(join(dir, output)).size)}`);
    return result;
  };
  const both = await run('subsidy batch xlsx to xlsx', xlsx, 'results.xlsx');
  const xlsxIn = await run('subsidy batch xlsx to csv', xlsx, 'results-from-xlsx.csv');
  const xlsxOut = await run('subsidy batch csv to xlsx', csv, 'results-to-xlsx.xlsx');
  const plain = await run('subsidy batch csv to csv, same rows', csv, 'results-100k.csv');
  line('xlsx to xlsx ÷ csv to csv', `${(both.seconds / plain.seconds).toFixed(1)}× wall, ${(both.cpuSeconds / plain.cpuSeconds).toFixed(1)}× CPU`, `reading ${(xlsxIn.cpuSeconds / plain.cpuSeconds).toFixed(1)}×, writing ${(xlsxOut.cpuSeconds / plain.cpuSeconds).toFixed(1)}× CPU`);
}
