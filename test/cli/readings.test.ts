import { describe, expect, it } from 'vitest';
import { runCli, scratch } from './run-cli.js';

const { write } = scratch('subsidy-readings-');

// A large software enterprise hiring a poverty-alleviated Chongqing resident: the 6,000 under the default reading of
// m14-6000-employer-size (any size), nothing under small-medium-micro.
const LARGE = 'applicantType: employer\nsoftwareSector: true\nemployerSize: large\nchongqingHukou: true\npovertyAlleviated: true\ncontractYears: 1\nsocialInsuranceMonths: 12\n';
const PRIORITY = 'm14-priority-group-hiring-subsidy';
const SMALL_ONLY = 'm14-6000-employer-size=small-medium-micro';
const statusOf = (json: { eligible: { id: string }[]; ineligible: { id: string }[] }, id: string) =>
  json.eligible.some((item) => item.id === id) ? 'eligible' : json.ineligible.some((item) => item.id === id) ? 'ineligible' : 'undetermined';

describe('subsidy readings', () => {
  it('--json lists every reading with its clause, question, options, default and rationale, in that shape', async () => {
    const run = await runCli(['readings', '--json']);
    expect(run.code).toBe(0);
    const { readings } = JSON.parse(run.stdout) as { readings: Record<string, unknown>[] };
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(['readings']);
    for (const reading of readings) expect(Object.keys(reading)).toEqual(['id', 'measure', 'clause', 'question', 'options', 'default', 'rationale']);
    expect(readings.find((reading) => reading.id === 'm14-6000-employer-size')).toEqual({
      id: 'm14-6000-employer-size',
      measure: 14,
      clause: expect.stringContaining('一次性吸纳就业补贴提高至6000元/人'),
      question: { zh: expect.stringContaining('6000元'), en: expect.stringContaining('6,000') },
      options: [
        { id: 'any-size', label: { zh: '任何规模的软件和信息服务企业', en: 'Any software and information services enterprise' } },
        { id: 'small-medium-micro', label: { zh: '仅中小微企业', en: 'Small, medium and micro enterprises only' } },
      ],
      default: 'any-size',
      rationale: { zh: expect.stringContaining('没有自己的主语'), en: expect.stringContaining('no subject of its own') },
    });
    expect(readings.map((reading) => reading.id)).toEqual(expect.arrayContaining(['m14-zero-employment-family', 'm14-disabled-worker', 'm17-600k-cap', 'm14-yishang']));
  });

  it('prints each reading with its default marked, in the language asked for', async () => {
    const zh = await runCli(['readings', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('m14-zero-employment-family — 措施 14\n  零就业家庭人员是否也须登记失业？\n');
    expect(zh.stdout).toContain('  * standalone                  不须：零就业家庭人员本身即可（默认）\n    registered-unemployed-only  须：仅限登记失业的零就业家庭人员\n');
    const en = await runCli(['readings']);
    // A label too long for the line wraps under the label column.
    expect(en.stdout).toContain('  * any-size            Any software and information services enterprise\n                        (default)\n');
    expect(en.stdout).toContain('Put another in force: --reading ID=OPTION');
  });

  it('fits 80 columns in either language, or the width COLUMNS gives, wrapping long text under its own start', async () => {
    const { displayWidth } = await import('../../src/report/text-layout.js');
    for (const [lang, columns] of [['zh', undefined], ['en', undefined], ['zh', '60'], ['en', '60']] as const) {
      const run = await runCli(['readings', '--lang', lang], columns ? { env: { COLUMNS: columns } } : {});
      const lines = run.stdout.split('\n');
      expect(lines.filter((line) => displayWidth(line) > Number(columns ?? 80))).toEqual([]);
      expect(lines.filter((line) => line !== line.trimEnd())).toEqual([]);
    }
    const en = (await runCli(['readings'])).stdout;
    expect(en).toContain('  Why: 及 here joins two kinds of talent, ranked by degree and by title: each\n    tier pairs');
  });
});

describe('--reading ID=OPTION', () => {
  it('check --json reports every reading in force, and another option changes the result', async () => {
    const profile = write('large.yaml', LARGE);
    const before = JSON.parse((await runCli(['check', '--profile', profile, '--json', '--as-of', '2024-06-30'])).stdout);
    expect(before.readings).toMatchObject({ 'm14-6000-employer-size': 'any-size', 'm14-zero-employment-family': 'standalone', 'm17-600k-cap': 'all-support' });
    expect(Object.keys(before.readings).length).toBeGreaterThanOrEqual(6);
    expect(statusOf(before, PRIORITY)).toBe('eligible');
    const after = JSON.parse((await runCli(['check', '--profile', profile, '--json', '--as-of', '2024-06-30', '--reading', SMALL_ONLY])).stdout);
    expect(after.readings['m14-6000-employer-size']).toBe('small-medium-micro');
    expect(statusOf(after, PRIORITY)).toBe('ineligible');
    expect(after.totalEstimateCNY).toBe(before.totalEstimateCNY - 6000);
    // A run under another reading says so, in the JSON and on stderr; under the defaults it says nothing.
    expect(before.notices).toEqual([]);
    expect(after.notices).toEqual([
      {
        code: 'readings',
        zh: '注意：采用了非默认的解读：m14-6000-employer-size=small-medium-micro（仅中小微企业）（见 subsidy readings）。',
        en: 'Note: readings other than the defaults are in force: m14-6000-employer-size=small-medium-micro (Small, medium and micro enterprises only) (see subsidy readings).',
      },
    ]);
    const table = await runCli(['check', '--profile', profile, '--as-of', '2024-06-30', '--reading', SMALL_ONLY]);
    expect(table.stderr).toBe(`${after.notices[0].en}\n`);
  });

  it('readings: in a --params file puts a reading in force; --reading on the command line wins', async () => {
    const profile = write('large.yaml', LARGE);
    const params = write('params.yaml', 'readings:\n  m14-6000-employer-size: small-medium-micro\n');
    const fromFile = JSON.parse((await runCli(['check', '--profile', profile, '--json', '--params', params])).stdout);
    expect(fromFile.readings['m14-6000-employer-size']).toBe('small-medium-micro');
    const both = JSON.parse((await runCli(['check', '--profile', profile, '--json', '--params', params, '--reading', 'm14-6000-employer-size=any-size'])).stdout);
    expect(both.readings['m14-6000-employer-size']).toBe('any-size');
    const bad = await runCli(['check', '--profile', profile, '--params', write('bad.yaml', 'readings:\n  m14-6000-employer-size: tiny\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:2: m14-6000-employer-size: reading "m14-6000-employer-size" has no option "tiny"/);
  });

  it('an unknown reading or option: exit 2, the nearest one suggested, in English and in Chinese', async () => {
    const profile = write('large.yaml', LARGE);
    const en = await runCli(['check', '--profile', profile, '--reading', 'm14-6000-employer-sise=any-size']);
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toContain('--reading: m14-6000-employer-sise: unknown reading "m14-6000-employer-sise"; did you mean "m14-6000-employer-size"?');
    const zh = await runCli(['check', '--profile', profile, '--lang', 'zh', '--reading', 'm14-6000-employer-size=small']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('解读“m14-6000-employer-size”没有选项“small”；是否指“small-medium-micro”？（可选：any-size、small-medium-micro）');
    const pair = await runCli(['check', '--profile', profile, '--reading', 'm14-6000-employer-size']);
    expect(pair.code).toBe(2);
    expect(pair.stderr).toContain('is not id=option');
  });

  it('explain says the outcome depends on the reading, and what it would be under the other option', async () => {
    const profile = write('large.yaml', LARGE);
    const en = await runCli(['explain', PRIORITY, '--profile', profile, '--as-of', '2024-06-30']);
    expect(en.stdout).toContain(
      '  Under reading m14-6000-employer-size (any-size: Any software and information services enterprise); under small-medium-micro (Small, medium and micro enterprises only) it would be: Not eligible.',
    );
    const zh = await runCli(['explain', PRIORITY, '--profile', profile, '--as-of', '2024-06-30', '--lang', 'zh', '--reading', SMALL_ONLY]);
    expect(zh.stdout).toMatch(/^状态：不符合$/m);
    expect(zh.stdout).toContain('  按解读 m14-6000-employer-size（small-medium-micro：仅中小微企业）；若取 any-size（任何规模的软件和信息服务企业），则为：可享受 6000元。');
    const json = JSON.parse((await runCli(['explain', PRIORITY, '--profile', profile, '--json', '--reading', SMALL_ONLY])).stdout);
    expect(json.readings.find((effect: { id: string }) => effect.id === 'm14-6000-employer-size')).toMatchObject({
      inForce: { option: 'small-medium-micro' },
      alternatives: [{ option: 'any-size', status: 'eligible', estimateCNY: 6000 }],
    });
  });

  it('batch, sql and test follow the reading', async () => {
    const csv = write('hires.csv', 'id,applicantType,softwareSector,employerSize,chongqingHukou,povertyAlleviated,contractYears,socialInsuranceMonths\nA1,employer,yes,large,yes,yes,1,12\n');
    const batch = async (...extra: string[]) => (await runCli(['batch', csv, '--format', 'ndjson', '--as-of', '2024-06-30', ...extra])).stdout;
    expect(JSON.parse(await batch()).eligible.map((item: { id: string }) => item.id)).toContain(PRIORITY);
    expect(JSON.parse(await batch('--reading', SMALL_ONLY)).eligible.map((item: { id: string }) => item.id)).not.toContain(PRIORITY);
    const sql = async (...extra: string[]) => (await runCli(['sql', '--dialect', 'duckdb', '--as-of', '2024-06-30', ...extra])).stdout;
    const [defaults, smallOnly] = [await sql(), await sql('--reading', SMALL_ONLY)];
    expect(defaults).not.toBe(smallOnly);
    expect(defaults).not.toContain('m14-6000-employer-size');
    const cases = write('large-cases.yaml', `- name: large firm\n  asOf: 2024-06-30\n  profile: {${LARGE.trim().split('\n').join(', ')}}\n  expect: {eligible: [${PRIORITY}]}\n`);
    expect((await runCli(['test', cases])).code).toBe(0);
    expect((await runCli(['test', cases, '--reading', SMALL_ONLY])).code).toBe(1);
  });

  it('diff --reading --population: who gains and who loses under the other reading, per item', async () => {
    const csv = write('hires.csv', 'id,applicantType,softwareSector,employerSize,chongqingHukou,povertyAlleviated,contractYears,socialInsuranceMonths\nA1,employer,yes,large,yes,yes,1,12\nA2,employer,yes,small,yes,yes,1,12\n');
    const run = await runCli(['diff', '--reading', SMALL_ONLY, '--population', csv, '--as-of', '2024-06-30', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.readings).toEqual([{ id: 'm14-6000-employer-size', from: 'any-size', to: 'small-medium-micro' }]);
    expect(report.rules.changed).toBe(false);
    expect(report.population.items).toEqual([{ id: PRIORITY, measure: 14, gained: 0, lost: 1, otherwise: 0, estimateChange: -6000 }]);
    expect(report.population.changed.map((change: { id: string; lost: string[] }) => [change.id, change.lost])).toEqual([['A1', [PRIORITY]]]);
    const text = await runCli(['diff', '--reading', SMALL_ONLY, '--population', csv, '--as-of', '2024-06-30']);
    expect(text.stdout).toContain('Readings changed (1)\n  m14-6000-employer-size: any-size → small-medium-micro\n');
  });
});
