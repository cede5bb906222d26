import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, scratch } from './run-cli.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const { dir, write } = scratch('subsidy-explain-');

// Measure 14 asks for 6 months of contributions or more; this employer has paid 5.
const shortHire = readFileSync(`${ROOT}/fixtures/profiles/graduate-five-months.yaml`, 'utf8');

const GRADUATE = 'm14-graduate-hiring-subsidy';
const explain = (args: string[], env?: NodeJS.ProcessEnv) => runCli(['explain', ...args, '--as-of', '2024-06-30'], { env });

describe('subsidy explain', () => {
  it('shows the condition tree node by node with the applicant’s values, the amount, what would change it and the basis', async () => {
    const run = await explain([GRADUATE, '--profile', write('short.yaml', shortHire)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines).toContain('Status: Not eligible');
    expect(lines).toContain('  ✗ all of:');
    expect(lines).toContain('    ✓ Employer size: Small — must be one of: Micro, Small, Medium');
    expect(lines).toContain('        ✓ Contract length: 2 years — must be at least 1');
    expect(lines).toContain('        ✗ Social-insurance months: 5 — must be at least 6');
    // The reading of 以上 in force, and the branch of the other reading, which it rules out.
    expect(lines).toContain('        ✓ reading m14-yishang: Inclusive: the figure itself counts');
    expect(lines).toContain('  Under reading m14-yishang (inclusive: Inclusive: the figure itself counts); under exclusive (Exclusive: more than the figure) it would be: the same.');
    expect(lines).toContain('  A fixed sum of ¥2,000 per person → estimate ¥2,000');
    expect(lines).toContain('  Social-insurance months 5 → 6: +¥2,000 (measure 14)');
    expect(run.stdout).toContain('“软件和信息服务中小微企业吸纳毕业年度高校毕业生签订1年以上劳动合同并连续缴纳6个月以上社保，按规定给予2000元/人一次性吸纳就业补贴。”');
    expect(lines).toContain('  Lead: 就业促进和失业保险处、市就业服务管理局');
  });

  it('--json prints the item, status, trace, reasons, amount and near miss', async () => {
    const run = await explain([GRADUATE, '--profile', write('short.yaml', shortHire), '--json']);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.item).toMatchObject({ id: GRADUATE, measure: 14, unmet: [{ fact: 'socialInsuranceMonths', expected: '>= 6', actual: 5 }] });
    expect(data.status).toBe('ineligible');
    expect(data.trace.kind).toBe('all');
    expect(data.trace.status).toBe('failed');
    // Under the reading of 以上 in force (inclusive): the first branch of the any.
    const months = data.trace.children[3].children[0].children.find((node: { fact?: string }) => node.fact === 'socialInsuranceMonths');
    expect(months).toMatchObject({ kind: 'compare', op: 'gte', arg: 6, expected: '>= 6', status: 'failed', actual: 5 });
    expect(data.reasons.unmet).toEqual([{ fact: 'socialInsuranceMonths', expected: '>= 6', actual: 5, op: 'gte', arg: 6 }]);
    expect(data.amount).toMatchObject({ method: 'fixed', estimateCNY: 2000 });
    expect(data.nearMiss).toEqual({
      id: GRADUATE,
      measure: 14,
      title: data.item.title,
      changes: [{ fact: 'socialInsuranceMonths', from: 5, to: 6 }],
      gainCNY: 2000,
      valueCNY: 2000,
    });
  });

  it('an eligible item: how a rate is computed from the applicant’s salary, and no near miss', async () => {
    const profile = write('hongyan.yaml', 'applicantType: employer\nsoftwareSector: true\nhongyanPlan: true\nannualSalary: 500000\n');
    const run = await explain(['m01-hongyan-employer-subsidy', '--profile', profile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Status: Eligible$/m);
    expect(run.stdout).toContain('5% × Annual salary ¥500,000 → estimate ¥25,000');
    expect(run.stdout).not.toContain('What would change it');
    const data = JSON.parse((await explain(['m01-hongyan-employer-subsidy', '--profile', profile, '--json'])).stdout);
    expect(data.amount).toMatchObject({ method: 'rate', rate: 0.05, base: { fact: 'annualSalary', value: 500000 }, estimateCNY: 25000 });
    expect(data).not.toHaveProperty('nearMiss');
  });

  it('an undetermined item: the unknown node and the fact still needed', async () => {
    const run = await explain([GRADUATE, '--profile', write('unknown.yaml', shortHire.replace('graduateOfCurrentYear: true\n', '').replace(': 5', ': 6'))]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Status: Undetermined$/m);
    expect(run.stdout).toMatch(/^Still needed: Graduate of the current year \(graduateOfCurrentYear\)$/m);
    expect(run.stdout).toMatch(/^ {4}\? Graduate of the current year: unknown — must be yes$/m);
  });

  it('an item replaced by a higher one says so, though its conditions hold', async () => {
    const priority = `${shortHire.replace(': 5', ': 12')}chongqingHukou: true\npovertyAlleviated: true\n`;
    const run = await explain([GRADUATE, '--profile', write('priority.yaml', priority)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The conditions hold, but: replaced by the higher subsidy: m14-priority-group-hiring-subsidy');
    expect(run.stdout).toContain('  ✓ all of:');
    expect(run.stdout).toContain('What would change it\n  No change to facts a person can change would make it apply.\n');
  });

  it('no near miss while facts that cannot change are unknown: says so', async () => {
    const run = await explain(['m14-priority-group-hiring-subsidy', '--profile', write('short.yaml', shortHire)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {8}\? Disabled: unknown — must be yes$/m);
    expect(run.stdout).toMatch(/^ {8}✗ Social-insurance months: 5 — must be at least 12$/m);
    expect(run.stdout).toContain('No change to facts a person can change would make it apply while the unknown facts above stay unknown.');
  });

  it('answers in Chinese', async () => {
    const run = await explain([GRADUATE, '--profile', write('short.yaml', shortHire), '--lang', 'zh']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('状态：不符合');
    expect(lines).toContain('    ✓ 企业规模：小型 — 须为以下之一：微型、小型、中型');
    expect(lines).toContain('        ✗ 社保月数：5个月 — 至少 6');
    expect(lines).toContain('  按解读 m14-yishang（inclusive：包括本数）；若取 exclusive（不包括本数），则为：结果相同。');
    expect(lines).toContain('  社保月数 5 → 6个月：+2000元（第14条）');
    expect(lines).toContain('  牵头单位：就业促进和失业保险处、市就业服务管理局');
    expect(lines).toContain('  渝人社发〔2022〕60号 第14条');
  });

  it('an unknown item: exit 2 with the nearest id', async () => {
    const run = await explain(['m14-graduate-hiring-subsidie', '--profile', write('short.yaml', shortHire)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('subsidy: unknown item "m14-graduate-hiring-subsidie"; did you mean "m14-graduate-hiring-subsidy"? (see "subsidy list" for the ids)\n');
    const far = await explain(['nothing-like-it', '--profile', join(dir, 'short.yaml')]);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe('subsidy: unknown item "nothing-like-it" (see "subsidy list" for the ids)\n');
  });

  it('needs --profile, and --help shows an example', async () => {
    const run = await explain([GRADUATE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/explain needs --profile FILE/);
    const help = await runCli(['explain', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Example:\n\s+\$ subsidy explain /);
  });
  it('prints the reading notes in the language asked for: Chinese with --lang zh, English by default', async () => {
    const profile = write('short.yaml', shortHire);
    const zh = await explain([GRADUATE, '--profile', profile, '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n').slice(-3)).toEqual(['解读说明', '  - “以上”含本数（1年、6个月），与我国法规的通常用法一致；见解读 m14-yishang（不含本数：须超过1年、超过6个月）。', '']);
    const en = await explain([GRADUATE, '--profile', profile]);
    expect(en.stdout.split('\n').slice(-3)).toEqual(['Reading notes', '  - 以上 includes the figure itself (1 year, 6 months), as is usual in Chinese regulations: reading m14-yishang (exclusive: more than 1 year and more than 6 months).', '']);
  });

  it('every shipped note is written in Chinese and in English', async () => {
    const set = await bundledPolicies();
    const notes = set.items.flatMap((item: { notes: { zh: string; en: string }[] }) => item.notes);
    expect(notes.length).toBeGreaterThan(100);
    for (const note of notes) {
      expect(note.zh).toMatch(/[\u4e00-\u9fff]/);
      // An English note may quote the Chinese terms it reads, but is not itself Chinese prose.
      expect(note.en.replace(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”…]+/g, '')).toMatch(/^[\x20-\x7e×≥≤–—’‘%]*$/);
    }
  });
});
