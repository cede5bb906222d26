import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, scratch } from './run-cli.js';

const { dir, write } = scratch('subsidy-what-if-');

const GRADUATE = 'm14-graduate-hiring-subsidy';

// Measure 14 asks for 6 months of contributions or more; this employer has paid 5.
const shortHire = readFileSync(`${ROOT}/fixtures/profiles/graduate-five-months.yaml`, 'utf8');

// A postdoc who stays in Chongqing on a 2-year contract (measure 2 asks for 3 years or more), an internship host with
// no interns yet, and the same 5 months: several near misses.
const postdoc = `${shortHire}applicantType: person
postdoc: completed
staysInChongqing: true
relevantMajor: true
internshipMonths: 0
internRetentionRate: 0.2
startupType: none
title: none
`.replace('applicantType: employer\n', '');

const check = (args: string[]) => runCli(['check', ...args, '--as-of', '2024-06-30']);
// A near miss as one line: one wrapped at the width goes on at a 4-space indent.
const nearMissLines = (stdout: string) =>
  stdout
    .replace(/\n {4}(?=\S)/g, ' ')
    .split('\n')
    .filter((line) => /^ {2}\S.*: \+¥[\d,]+ \(measure \d+\)$/.test(line));

describe('what-if in check', () => {
  it('shows the near miss with its value, and --json always has nearMisses', async () => {
    const profile = write('short.yaml', shortHire);
    const run = await check(['--profile', profile]);
    expect(run.code).toBe(0);
    expect(nearMissLines(run.stdout)).toContain('  Social-insurance months 5 → 6: +¥2,000 (measure 14)');
    const json = JSON.parse((await check(['--profile', profile, '--json'])).stdout);
    expect(json.nearMisses).toContainEqual(
      expect.objectContaining({ id: GRADUATE, measure: 14, changes: [{ fact: 'socialInsuranceMonths', from: 5, to: 6 }], gainCNY: 2000 }),
    );
  });

  it('each suggested change, applied with --set, does get the item', async () => {
    const profile = write('postdoc.yaml', postdoc);
    const { nearMisses } = JSON.parse((await check(['--profile', profile, '--json'])).stdout);
    expect(nearMisses.length).toBeGreaterThan(3);
    for (const miss of nearMisses as { id: string; changes: { fact: string; to: unknown }[] }[]) {
      const sets = miss.changes.flatMap((change) => ['--set', `${change.fact}=${String(change.to)}`]);
      const after = JSON.parse((await check(['--profile', profile, '--json', ...sets])).stdout);
      expect(after.scenario.gained, miss.id).toContain(miss.id);
    }
  });

  it('a rate raised by 提高至 gains only the difference: the 1,500 internship rate over the 1,300 held now', async () => {
    // A host with 4 internship months and 40% kept on has the 1,300 rate (4 × 1,300 = 5,200); 50% would give the
    // 1,500 rate (4 × 1,500 = 6,000) in its place, so the total gains 800, not 6,000.
    const host = write('host.yaml', 'applicantType: employer\nrelevantMajor: true\ninternshipMonths: 4\ninternRetentionRate: 0.4\n');
    const { nearMisses } = JSON.parse((await check(['--profile', host, '--json'])).stdout);
    expect(nearMisses).toContainEqual(
      expect.objectContaining({
        id: 'm16-internship-subsidy-high-retention',
        changes: [{ fact: 'internRetentionRate', from: 0.4, to: 0.5 }],
        gainCNY: 800,
        valueCNY: 6000,
        replaces: ['m16-internship-subsidy'],
      }),
    );
    const zh = await check(['--profile', host, '--what-if', '--lang', 'zh']);
    expect(zh.stdout).toMatch(/0\.5：\+800元（第16条）/);
  });

  it('shows the top 3 by value by default and all of them with --what-if', async () => {
    const profile = write('postdoc.yaml', postdoc);
    const { nearMisses } = JSON.parse((await check(['--profile', profile, '--json'])).stdout);
    const gains = nearMisses.map((miss: { gainCNY: number }) => miss.gainCNY);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));

    const top = await check(['--profile', profile]);
    expect(nearMissLines(top.stdout)).toHaveLength(3);
    expect(top.stdout).toContain(`What would change it (top 3 of ${nearMisses.length}; --what-if shows all)`);
    expect(nearMissLines(top.stdout)[0]).toBe('  Contract length 2 → 3 years: +¥150,000 (measure 2)');

    const all = await check(['--profile', profile, '--what-if']);
    expect(nearMissLines(all.stdout)).toHaveLength(nearMisses.length);
    expect(all.stdout).not.toContain('--what-if shows all');
  });

  it('in Chinese, with fact and value labels', async () => {
    const run = await check(['--profile', write('postdoc.yaml', postdoc), '--what-if', '--lang', 'zh']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  劳动合同年限 2 → 3年：+15万元（第2条）');
    expect(run.stdout).toContain('  社保月数 5 → 6个月：+2000元（第14条）');
  });
});

describe('check --set', () => {
  it('a scenario that gains an item: the modified result and what it adds', async () => {
    const profile = write('short.yaml', shortHire);
    const json = JSON.parse((await check(['--profile', profile, '--json', '--set', 'socialInsuranceMonths=6'])).stdout);
    expect(json.profile.socialInsuranceMonths).toBe(6);
    expect(json.eligible.map((item: { id: string }) => item.id)).toContain(GRADUATE);
    expect(json.scenario).toEqual({ set: { socialInsuranceMonths: 6 }, was: { socialInsuranceMonths: 5 }, gained: [GRADUATE], lost: [], totalChangeCNY: 2000 });
    expect(json.nearMisses.map((miss: { id: string }) => miss.id)).not.toContain(GRADUATE);

    const run = await check(['--profile', profile, '--set', 'socialInsuranceMonths=6']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('Scenario: Social-insurance months 5 → 6');
    const gained = lines.indexOf('  Gained:');
    expect(lines.slice(gained + 1, gained + 3)).toEqual(['    One-off hiring subsidy for a graduate of the current year ¥2,000', `      ${GRADUATE}`]);
    expect(lines[lines.indexOf('  Lost:') + 1]).toBe('    none');
    expect(lines).toContain('  Total change: +¥2,000');
  });

  it('a scenario that loses items, with values and fact names given as labels', async () => {
    const profile = write('hire.yaml', shortHire.replace(': 5', ': 7'));
    const before = JSON.parse((await check(['--profile', profile, '--json'])).stdout);
    expect(before.eligible.map((item: { id: string }) => item.id)).toContain(GRADUATE);
    const after = JSON.parse((await check(['--profile', profile, '--json', '--set', '软件和信息服务业=否'])).stdout);
    expect(after.scenario.set).toEqual({ softwareSector: false });
    expect(after.scenario.lost).toContain(GRADUATE);
    expect(after.scenario.gained).toEqual([]);
    expect(after.scenario.totalChangeCNY).toBe(after.totalEstimateCNY - before.totalEstimateCNY);
    expect(after.scenario.totalChangeCNY).toBeLessThanOrEqual(-2000);
  });

  it('an empty value unsets a fact', async () => {
    const profile = write('hire.yaml', shortHire.replace(': 5', ': 7'));
    const json = JSON.parse((await check(['--profile', profile, '--json', '--set', 'socialInsuranceMonths='])).stdout);
    expect(json.profile).not.toHaveProperty('socialInsuranceMonths');
    expect(json.scenario).toMatchObject({ set: { socialInsuranceMonths: null }, was: { socialInsuranceMonths: 7 }, lost: [GRADUATE] });
    expect(json.undetermined.find((item: { id: string }) => item.id === GRADUATE).missing).toEqual(['socialInsuranceMonths']);
  });

  it.each([
    ['an unknown fact', 'socialInsuranceMonth=6', 'subsidy: --set: socialInsuranceMonth: unknown fact; did you mean "socialInsuranceMonths"? (see "subsidy facts" for the list)'],
    ['a value of the wrong kind', 'socialInsuranceMonths=six', 'subsidy: --set: socialInsuranceMonths: "six" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals'],
    ['a value outside the set', 'title=professor', 'subsidy: --set: title: "professor" is not allowed; expected one of none, junior, intermediate, senior'],
    ['no value at all', 'socialInsuranceMonths', 'subsidy: --set: "socialInsuranceMonths" is not fact=value, e.g. socialInsuranceMonths=6'],
  ])('%s: exit 2, one line saying what is allowed', async (_name, pair, message) => {
    const run = await check(['--profile', write('short.yaml', shortHire), '--set', pair]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}\n`);
  });
});
