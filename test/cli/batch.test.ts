import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { FactValue } from '../../src/facts/facts.js';
import { DECLARED, FACTS } from '../support/facts.js';
import { loadProfile } from '../../src/facts/profile.js';
import { BIN, cliEnv, HAS_SCRIPT, NEEDS_SCRIPT, ROOT, runCli, tempDir } from './run-cli.js';
import { run } from '../../dist/cli/main.js';
import { displayWidth } from '../../dist/report/text-layout.js';
import { memoryIo } from '../support/memory-io.js';

const AS_OF = '2024-06-30';
const fixture = (name: string) => join('fixtures', 'batch', name);
const parseCsv = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trimEnd(), { delimiter: ',', newline: '\r\n' }).data;
const ndjson = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

const dir = tempDir('subsidy-batch-');
const inDir = (name: string) => join(dir, name);
const write = (name: string, text: string | Buffer) => {
  writeFileSync(inDir(name), text);
  return inDir(name);
};


describe('subsidy batch on the Excel export fixture', () => {
  it('writes one csv line per applicant in input order, reports bad rows and exits 1 because of them', async () => {
    const run = await runCli(['batch', fixture('applicants-utf8-bom.csv'), '--as-of', AS_OF]);
    expect(run.code).toBe(1);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(header).toEqual(['id', 'row', 'status', 'eligible', 'eligibleCount', 'totalEstimateCNY', 'undetermined', 'error']);
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['A001', '1', 'ok'],
      ['A002', '2', 'ok'],
      ['A003', '3', 'ok'],
      ['A004', '4', 'error'],
      ['A005', '5', 'error'],
      ['A006', '6', 'ok'],
      ['A007', '7', 'ok'],
    ]);
    // A002 is an employer hiring a graduate of the current year with 6 months of insurance: the 2,000 subsidy.
    expect(rows[1]![3]!.split(';')).toContain('m14-graduate-hiring-subsidy');
    expect(rows[1]![5]).toBe('2000');
    expect(rows[3]![7]).toBe('学历: "PhD" is not allowed; expected one of none, secondary, associate, bachelor, master, doctorate (or their labels: 无, 中专/高中, 大专, 本科, 硕士, 博士)');
    for (const row of rows) expect(row).toHaveLength(8);
  });

  it('says on stderr what it ignored and what went wrong, then sums up', async () => {
    const run = await runCli(['batch', fixture('applicants-utf8-bom.csv'), '--as-of', AS_OF]);
    const file = fixture('applicants-utf8-bom.csv');
    expect(run.stderr).toContain(`subsidy: ${file}: unknown column "姓名" is ignored\n`);
    expect(run.stderr).toContain(`subsidy: ${file}: row 4: 学历: "PhD" is not allowed;`);
    expect(run.stderr).toContain(`subsidy: ${file}: row 5: 社保月数: "十几" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals (or with a unit: 个月, 年)\n`);
    expect(run.stderr).toContain('Rows read: 7 (ok 5, errors 2).');
    expect(run.stderr).toMatch(/m14-graduate-hiring-subsidy +1 +¥2,000 +One-off hiring subsidy/);
    expect(run.stderr).toContain('Total of computable estimates: ¥2,000');
    expect(run.stderr).not.toContain('\r'); // no progress line when stderr is not a terminal
  });

  it('reads the GBK export the same, saying it detected GBK', async () => {
    const utf8 = await runCli(['batch', fixture('applicants-utf8-bom.csv'), '--as-of', AS_OF]);
    const gbk = await runCli(['batch', fixture('applicants-gbk.csv'), '--as-of', AS_OF]);
    expect(gbk.stdout).toBe(utf8.stdout);
    expect(gbk.stderr).toContain('the file is not valid UTF-8; reading it as GBK');
    const explicit = await runCli(['batch', fixture('applicants-gbk.csv'), '--as-of', AS_OF, '--encoding', 'gbk']);
    expect(explicit.stdout).toBe(utf8.stdout);
    expect(explicit.stderr).not.toContain('GBK');
  });

  it('reads stdin for "-"', async () => {
    const input = readFileSync(join(ROOT, fixture('applicants-en.csv')));
    const fromStdin = await runCli(['batch', '-', '--as-of', AS_OF], { input });
    const fromFile = await runCli(['batch', fixture('applicants-en.csv'), '--as-of', AS_OF]);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('prints the summary in Chinese with --lang zh', async () => {
    const run = await runCli(['batch', fixture('applicants-en.csv'), '--as-of', AS_OF, '--lang', 'zh']);
    expect(run.stderr).toContain('共读取 4 行：成功 4 行，出错 0 行。');
  });
});

describe('output formats', () => {
  it('long: one line per applicant and eligible item, for pivot tables', async () => {
    const run = await runCli(['batch', fixture('applicants-utf8-bom.csv'), '--as-of', AS_OF, '--format', 'long']);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(header).toEqual(['id', 'measure', 'item', 'recipient', 'figure', 'estimate']);
    expect(rows).toContainEqual(['A002', '14', 'm14-graduate-hiring-subsidy', 'employer', '2000', '2000']);
    const csv = parseCsv((await runCli(['batch', fixture('applicants-utf8-bom.csv'), '--as-of', AS_OF])).stdout).slice(1);
    const itemsPerApplicant = csv.filter((row) => row[2] === 'ok').map((row) => [row[0], Number(row[4])]);
    expect(itemsPerApplicant).toEqual(
      itemsPerApplicant.map(([id]) => [id, rows.filter((row) => row[0] === id).length]),
    );
  });

  it('ndjson: one object per input row, errors included', async () => {
    const run = await runCli(['batch', fixture('applicants-utf8-bom.csv'), '--as-of', AS_OF, '--format', 'ndjson']);
    const lines = ndjson(run.stdout);
    expect(lines.map((line) => line.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[3]).toEqual({
      row: 4,
      id: 'A004',
      errors: [{ column: '学历', value: 'PhD', message: expect.stringMatching(/^"PhD" is not allowed; expected one of/) }],
    });
    expect(Object.keys(lines[1]!)).toEqual(['row', 'id', 'eligible', 'undetermined', 'totalEstimateCNY']);
    expect(lines[1]!.eligible).toContainEqual({ id: 'm14-graduate-hiring-subsidy', measure: 14, recipient: 'employer', cny: 2000, estimateCNY: 2000 });
  });

  it('escapes cells Excel would run as formulas, in csv and long', async () => {
    const csv = await runCli(['batch', fixture('bad-rows.csv'), '--as-of', AS_OF]);
    const ids = parseCsv(csv.stdout).slice(1).map((row) => row[0]);
    expect(ids[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(ids[7]).toBe(`'+B008`);
    const long = await runCli(['batch', fixture('bad-rows.csv'), '--as-of', AS_OF, '--format', 'long']);
    expect(parseCsv(long.stdout).slice(1).every((row) => row[0]!.startsWith("'"))).toBe(true);
  });
});

describe('bad rows', () => {
  it('never stop the batch: every row is in the output, and rows read = ok + errors', async () => {
    const run = await runCli(['batch', fixture('bad-rows.csv'), '--as-of', AS_OF, '--format', 'ndjson']);
    expect(run.code).toBe(1);
    expect(ndjson(run.stdout).map((line) => [line.row, 'errors' in line ? 'error' : 'ok'])).toEqual([
      [1, 'ok'],
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'ok'],
    ]);
    expect(run.stderr).toContain('Rows read: 8 (ok 2, errors 6).');
  });

  it('--errors writes every bad row with its row, id, column, value and message', async () => {
    const errors = inDir('errors.csv');
    const run = await runCli(['batch', fixture('bad-rows.csv'), '--as-of', AS_OF, '--out', inDir('bad-out.csv'), '--errors', errors]);
    expect(run.code).toBe(1);
    const [header, ...rows] = parseCsv(readFileSync(errors, 'utf8'));
    expect(header).toEqual(['row', 'id', 'column', 'value', 'message']);
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ['2', 'B002', 'socialInsuranceMonths', "'-3"],
      ['3', 'B003', 'softwareSector', 'maybe'],
      ['4', 'B004', 'softwareSector', ''],
      ['5', 'B005', '', 'extra'],
      ['6', 'B006', '', ''],
      ['7', 'B007', 'internRetentionRate', '1.5'],
    ]);
    expect(rows[0]![4]).toBe('"-3" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals (or with a unit: 个月, 年)');
  });

  it('reports every bad cell of a row in the output, --errors and stderr; skips blank rows; keeps a blank id blank', async () => {
    const text = '编号,学历,社保月数,软件和信息服务业\r\nA1,PhD,十几,maybe\r\n,,,\r\n\r\n,硕士,12,是\r\nA3,本科,\u009b2J,是\r\n';
    const errors = inDir('three-bad-errors.csv');
    const run = await runCli(['batch', write('three-bad.csv', text), '--as-of', AS_OF, '--errors', errors]);
    expect(run.code).toBe(1);
    const [, ...rows] = parseCsv(run.stdout);
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['A1', '1', 'error'],
      ['', '2', 'ok'],
      ['A3', '3', 'error'],
    ]);
    expect(rows[0]![7]).toMatch(/^学历: "PhD" is not allowed.* \| 社保月数: "十几" is not allowed.* \| 软件和信息服务业: "maybe" is not allowed/);
    expect(parseCsv(readFileSync(errors, 'utf8')).slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['1', 'A1', '学历', 'PhD'],
      ['1', 'A1', '社保月数', '十几'],
      ['1', 'A1', '软件和信息服务业', 'maybe'],
      ['3', 'A3', '社保月数', '\u009b2J'],
    ]);
    expect(run.stderr.match(/: row 1: /g)).toHaveLength(3);
    expect(run.stderr).toContain('Rows read: 3 (ok 1, errors 2).');
    // A control character from a cell reaches the terminal as an escape, never raw.
    expect(run.stderr).not.toContain('\u009b');
    expect(run.stderr).toContain('row 3: 社保月数: "\\u{9b}2J" is not allowed');
    const lines = ndjson((await runCli(['batch', inDir('three-bad.csv'), '--as-of', AS_OF, '--format', 'ndjson'])).stdout);
    expect((lines[0]!.errors as unknown[]).length).toBe(3);
  });

  it('reads GBK behind a UTF-8 BOM as GBK, and refuses a header it cannot read, naming the column', async () => {
    const gbk = readFileSync(join(ROOT, fixture('applicants-gbk.csv')));
    const plain = await runCli(['batch', fixture('applicants-gbk.csv'), '--as-of', AS_OF]);
    const withBom = await runCli(['batch', write('bom-gbk.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk])), '--as-of', AS_OF]);
    expect(withBom.code).toBe(1);
    expect(withBom.stdout).toBe(plain.stdout);
    expect(withBom.stderr).toContain('the file is not valid UTF-8; reading it as GBK');
    const garbled = await runCli(['batch', write('garbled.csv', Buffer.concat([Buffer.from('id,'), Buffer.from([0xd1, 0xa7, 0xc0, 0xfa]), Buffer.from('\nA1,x\n')])), '--as-of', AS_OF, '--encoding', 'utf-8']);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toMatch(/garbled\.csv:1: header: column 2 ".*\uFFFD.*" is not valid text/);
  });

  it('shows the first 10 bad rows on stderr and counts the rest', async () => {
    const lines = ['id,socialInsuranceMonths', ...Array.from({ length: 13 }, (_, i) => `X${i + 1},many`)];
    const run = await runCli(['batch', write('many-bad.csv', `${lines.join('\n')}\n`), '--as-of', AS_OF]);
    expect(run.stderr.match(/: row \d+: socialInsuranceMonths: "many" is not allowed/g)).toHaveLength(10);
    expect(run.stderr).toContain('3 more rows with errors; --errors FILE lists them all');
    expect(run.stderr).toContain('Rows read: 13 (ok 0, errors 13).');
  });
});

describe('--out', () => {
  it('writes the whole file under its name, with a BOM for Excel, leaving no temporary file', async () => {
    const out = inDir('results.csv');
    const run = await runCli(['batch', fixture('applicants-en.csv'), '--as-of', AS_OF, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFid,row,status,')).toBe(true);
    expect(parseCsv(text)).toHaveLength(5);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file at all when the run fails', async () => {
    const utf16 = write('utf16.csv', Buffer.from([0xff, 0xfe, 0x64, 0x00]));
    const out = inDir('never.csv');
    const errors = inDir('never-errors.csv');
    const run = await runCli(['batch', utf16, '--out', out, '--errors', errors, '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/utf16\.csv: the file is UTF-16/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(errors)).toBe(false);
    expect((await readdir(dir)).filter((name) => name.includes('never'))).toEqual([]);
  });

  it('cannot write into a folder that does not exist', async () => {
    const run = await runCli(['batch', fixture('applicants-en.csv'), '--out', inDir('no/such/dir/out.csv'), '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/out\.csv: --out: cannot write: no such folder "/);
  });
});

describe('cannot run: exit 2 with a clear message', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['batch', 'no-such.csv'], /subsidy: no-such\.csv: no such file/],
    ['a folder', ['batch', 'fixtures'], /fixtures: is a folder, not a CSV file/],
    ['no file argument', ['batch'], /missing required argument 'file'/],
    ['an unknown format', ['batch', fixture('applicants-en.csv'), '--format', 'xls'], /argument 'xls' is invalid.*csv, ndjson, long, xlsx/],
    ['an unknown encoding', ['batch', fixture('applicants-en.csv'), '--encoding', 'latin1'], /argument 'latin1' is invalid.*utf-8, gbk/],
    ['a bad date', ['batch', fixture('applicants-en.csv'), '--as-of', '2024-13-01'], /--as-of: "2024-13-01" is not a date/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('an empty file, or one whose header names no fact', async () => {
    const empty = await runCli(['batch', write('empty.csv', ''), '--as-of', AS_OF]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.csv: the file is empty; the first row must name facts/);
    const noFacts = await runCli(['batch', write('names.csv', '姓名,电话\n张伟,138\n'), '--as-of', AS_OF]);
    expect(noFacts.code).toBe(2);
    expect(noFacts.stderr).toMatch(/names\.csv:1: header: no column names a fact \(got "姓名", "电话"\)/);
  });
});

describe('every fixture profile gives in a batch what check --json gives', () => {
  it('eligible items and estimates, undetermined items and their missing facts, and the total', async () => {
    const names = readdirSync(join(ROOT, 'fixtures', 'profiles')).filter((name) => name.endsWith('.yaml')).sort();
    expect(names.length).toBeGreaterThan(0);
    const profiles = await Promise.all(names.map((name) => loadProfile(join(ROOT, 'fixtures', 'profiles', name), DECLARED)));
    const facts = FACTS.filter((def) => profiles.some((profile) => profile[def.name] !== undefined)).map((def) => def.name);
    const cell = (value: FactValue | undefined) => (value === undefined ? '' : String(value));
    const csv = [['id', ...facts].join(','), ...profiles.map((profile, i) => [names[i], ...facts.map((fact) => cell(profile[fact]))].join(','))].join('\r\n');
    // Parameters too, so that the estimates that need them are computed on both sides.
    const params = ['--param', 'm03-district-housing-subsidy=80000', '--param', 'm03-talent-salary-multiple=1.5'];
    const common = ['--as-of', AS_OF, ...params];

    const batch = await runCli(['batch', write('profiles.csv', csv), '--format', 'ndjson', ...common]);
    expect(batch.code).toBe(0);
    const lines = ndjson(batch.stdout);
    const table = parseCsv((await runCli(['batch', inDir('profiles.csv'), ...common])).stdout).slice(1);
    expect(lines).toHaveLength(names.length);

    for (const [i, name] of names.entries()) {
      const check = await runCli(['check', '--profile', join('fixtures', 'profiles', name), '--json', ...common]);
      expect(check.code, name).toBe(0);
      const expected = JSON.parse(check.stdout) as {
        eligible: { id: string; measure: number; recipient: string; amount: { cny: number | null } | null; estimateCNY: number | null }[];
        undetermined: { id: string; measure: number; amount: { cny: number | null } | null; missing: string[] }[];
        totalEstimateCNY: number;
      };
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      const line = lines[i]!;
      expect(line.id).toBe(name);
      expect([...(line.eligible as { id: string }[])].sort(byId), name).toEqual(
        expected.eligible
          .map((item) => ({ id: item.id, measure: item.measure, recipient: item.recipient, cny: item.amount?.cny ?? null, estimateCNY: item.estimateCNY }))
          .sort(byId),
      );
      expect([...(line.undetermined as { id: string }[])].sort(byId), name).toEqual(
        expected.undetermined.map((item) => ({ id: item.id, measure: item.measure, cny: item.amount?.cny ?? null, missing: item.missing })).sort(byId),
      );
      expect(line.totalEstimateCNY, name).toBe(expected.totalEstimateCNY);

      const row = table[i]!;
      expect(row[3]!.split(';').filter(Boolean).sort(), name).toEqual(expected.eligible.map((item) => item.id).sort());
      expect(Number(row[4]), name).toBe(expected.eligible.length);
      expect(Number(row[5]), name).toBe(expected.totalEstimateCNY);
      expect(row[6]!.split(';').filter(Boolean).sort(), name).toEqual(expected.undetermined.map((item) => item.id).sort());
    }
  });
});

describe('--single-thread', () => {
  // stdin is read on the reader thread whatever its size (a file below 10 MiB is not, unless --reader-thread).
  it('gives the same output, messages and exit code as the default reader thread, in every format', async () => {
    for (const name of ['applicants-utf8-bom.csv', 'applicants-gbk.csv', 'bad-rows.csv']) {
      for (const format of ['csv', 'ndjson', 'long']) {
        const args = ['batch', '-', '--as-of', AS_OF, '--format', format];
        const input = readFileSync(fixture(name));
        const [threaded, single] = await Promise.all([runCli(args, { input }), runCli([...args, '--single-thread'], { input })]);
        expect(threaded.stdout.length, `${name} ${format}`).toBeGreaterThan(0);
        expect(single, `${name} ${format}`).toEqual(threaded);
      }
    }
  });
});

/** How many threads the runs in `body` start (node's Worker, as the batch imports it, counted). */
async function threadsStarted(body: () => Promise<unknown>): Promise<number> {
  const original = workerThreads.Worker;
  let started = 0;
  workerThreads.Worker = class extends original {
    constructor(...args: ConstructorParameters<typeof original>) {
      super(...args);
      started++;
    }
  };
  syncBuiltinESMExports();
  try {
    await body();
  } finally {
    workerThreads.Worker = original;
    syncBuiltinESMExports();
  }
  return started;
}

describe('the summary on stderr', () => {
  const summary = async (lang: string, isTTY: boolean) => {
    const io = memoryIo({ env: cliEnv(), cwd: ROOT, columns: 200, stderrColumns: 80, isTTY: { stderr: isTTY } });
    expect(await run(['batch', fixture('applicants-en.csv'), '--as-of', AS_OF, '--lang', lang, '--out', inDir(`summary-${lang}.csv`)], io)).toBe(0);
    const lines = io.stderr.text().trimEnd().split('\n');
    return lines.slice(lines.findIndex((line) => /^(Eligible applicants|各项目)/.test(line)) + 1, -1);
  };

  it("fits a terminal: an item's title is broken under its first line, by the width stderr's terminal shows", async () => {
    for (const lang of ['zh', 'en']) {
      const lines = await summary(lang, true);
      expect(lines.length, lang).toBeGreaterThan(5);
      expect(lines.filter((line) => displayWidth(line) > 80), lang).toEqual([]);
      const column = displayWidth(/^ {2}\S+ +\d+ +\S+ {2}/.exec(lines[0]!)![0]);
      for (const line of lines) expect(line.startsWith('  m') ? displayWidth(/^ {2}\S+ +\d+ +\S+ {2}/.exec(line)![0]) : line.length - line.trimStart().length, `${lang}: ${line}`).toBe(column);
    }
  });

  it('keeps one line per item when stderr is not a terminal (a log)', async () => {
    for (const lang of ['zh', 'en']) expect((await summary(lang, false)).every((line) => line.startsWith('  m')), lang).toBe(true);
  });
});

describe('which thread reads', () => {
  it('the main thread for a file under 10 MiB; the reader thread for stdin, a file of 10 MiB and --reader-thread', async () => {
    const small = ['batch', fixture('applicants-en.csv'), '--as-of', AS_OF];
    expect(await threadsStarted(() => runCli(small))).toBe(0);
    expect(await threadsStarted(() => runCli([...small, '--reader-thread']))).toBe(1);
    expect(await threadsStarted(() => runCli(['batch', '-', '--as-of', AS_OF], { input: readFileSync(fixture('applicants-en.csv')) }))).toBe(1);
    expect(await threadsStarted(() => runCli(['batch', '-', '--as-of', AS_OF, '--single-thread'], { input: 'degree\nmaster\n' }))).toBe(0);
    // 10 MiB in about 10,000 rows: each with a long remark, a column the batch ignores.
    const large = inDir('large.csv');
    const header = 'id,degree,socialInsuranceMonths,remark\n';
    const row = `A1,master,12,${'x'.repeat(1000)}\n`;
    writeFileSync(large, header + row.repeat(Math.ceil((10 * 1024 * 1024 - header.length) / row.length)));
    expect(await threadsStarted(() => runCli(['batch', large, '--as-of', AS_OF, '--out', inDir('large-out.csv')]))).toBe(1);
  });
});

describe('--reader-thread', () => {
  it('reads a small file on the reader thread with the same output, messages and exit code as the default', async () => {
    for (const name of ['applicants-gbk.csv', 'bad-rows.csv']) {
      const args = ['batch', fixture(name), '--as-of', AS_OF];
      const [byDefault, threaded] = await Promise.all([runCli(args), runCli([...args, '--reader-thread'])]);
      expect(threaded, name).toEqual(byDefault);
    }
  });

  it('is refused with --single-thread, in the run\'s language, exit 2', async () => {
    const args = ['batch', fixture('bad-rows.csv'), '--single-thread', '--reader-thread'];
    expect(await runCli(args)).toEqual({ code: 2, stdout: '', stderr: "error: option '--reader-thread' cannot be used with option '--single-thread'\n" });
    expect((await runCli([...args, '--lang', 'zh'])).stderr).toBe('错误：选项“--reader-thread”不能与选项“--single-thread”同时使用\n');
  });
});

describe('progress', () => {
  it.skipIf(!HAS_SCRIPT)(`shows rows, rows/s and the share of the file read when stderr is a terminal, then clears the line${NEEDS_SCRIPT}`, async () => {
    const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
    const command = `exec ${quote(process.execPath)} ${quote(BIN)} batch ${quote(fixture('applicants-en.csv'))} --as-of ${AS_OF} --out ${quote(inDir('tty.csv'))}`;
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      cwd: ROOT,
      env: cliEnv({ TERM: 'xterm' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(screen).toMatch(/\r4 rows · [\d,]+ rows\/s · 100%\x1b\[K/);
    expect(screen).toContain('\r\x1b[K');
    expect(screen).toContain('Rows read: 4 (ok 4, errors 0).');
  });
});
