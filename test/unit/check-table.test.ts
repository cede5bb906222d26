import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECLARED } from '../support/facts.js';
import { checkWithNearMisses } from '../../src/engine/check-report.js';
import { compilePolicy, evaluate, type CompiledPolicy } from '../../src/engine/evaluate.js';
import { compareScenario } from '../../src/engine/what-if.js';
import { loadProfile } from '../../src/facts/profile.js';
import { renderCheckTable, type CheckReport } from '../../src/report/check-table.js';
import { PLAIN, type Lang } from '../../src/report/format.js';
import { displayWidth, wrapText } from '../../src/report/text-layout.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const AS_OF = '2024-06-30';
const PROFILES = readdirSync('fixtures/profiles').filter((name) => name.endsWith('.yaml'));
let plain: CompiledPolicy;
let withParams: CompiledPolicy;
const ids = new Set<string>();

beforeAll(async () => {
  const set = await bundledPolicies();
  plain = compilePolicy(set);
  withParams = compilePolicy(set, { 'm03-district-housing-subsidy': 60000, 'm03-talent-salary-multiple': 1.5 });
  for (const item of set.items) ids.add(item.id);
});

async function reports(name: string, facts: Record<string, unknown> = {}): Promise<CheckReport[]> {
  const profile = { ...(await loadProfile(`fixtures/profiles/${name}`, DECLARED)), ...facts };
  const scenarioProfile = { ...profile, socialInsuranceMonths: 5 };
  const scenario = compareScenario(evaluate(plain, profile, AS_OF), checkWithNearMisses(plain, scenarioProfile, AS_OF), { socialInsuranceMonths: 5 });
  return [
    checkWithNearMisses(plain, profile, AS_OF),
    checkWithNearMisses(withParams, profile, AS_OF),
    { ...checkWithNearMisses(plain, scenarioProfile, AS_OF), scenario },
  ];
}

/** Lines wider than the width: only an id longer than the width itself, alone at column 0, may be one. */
function overwide(text: string, width: number): string[] {
  return text.split('\n').filter((line) => displayWidth(line) > width && !(ids.has(line) && displayWidth(line) > width));
}

describe('check fits the width', () => {
  it('no line wider than 80, 60 or 40 columns, for every fixture profile, in zh and en, with --all and --what-if', async () => {
    let rendered = 0;
    for (const name of PROFILES) {
      for (const report of await reports(name)) {
        for (const lang of ['zh', 'en'] as Lang[]) {
          for (const width of [80, 60, 40]) {
            // Both flags together show every line either shows.
            for (const [all, whatIf] of [[false, false], [true, true]] as const) {
              const text = renderCheckTable(report, { lang, facts: DECLARED, style: PLAIN, all, whatIf, width });
              expect(overwide(text, width), `${name} ${lang} ${width} all=${all} whatIf=${whatIf}`).toEqual([]);
              // Every id the report names stands whole on a line of its own.
              const lines = new Set(text.split('\n').map((line) => line.trim()));
              const shown = [...report.eligible, ...report.undetermined, ...(all ? report.ineligible : [])];
              for (const item of shown) expect(lines.has(item.id), `${item.id} in ${name} ${lang} ${width}`).toBe(true);
              rendered++;
            }
          }
        }
      }
    }
    expect(rendered).toBe(PROFILES.length * 3 * 2 * 3 * 2);
  });

  it('uses a table at 80 columns and a list below the minimum width', async () => {
    const [report] = await reports('graduate-small-firm.yaml');
    const wide = renderCheckTable(report!, { lang: 'en', facts: DECLARED, style: PLAIN, all: false, width: 80 });
    expect(wide).toMatch(/^ {2}Item +Recipient +Amount or cap +Estimate$/m);
    const narrow = renderCheckTable(report!, { lang: 'en', facts: DECLARED, style: PLAIN, all: false, width: 40 });
    expect(narrow).not.toMatch(/Recipient +Amount/);
    expect(narrow).toContain('     Recipient: employer\n');
  });

  it('marks an item paid to the district and keeps it out of the total, in the table and in the list', async () => {
    // She meets the district's criteria: its housing subsidy (60,000 here) is hers, the city's top-up on it the district's.
    const [, report] = await reports('master.yaml', { districtHousingCriteria: true });
    expect(report!.totalEstimateCNY).toBe(60000);
    const table = renderCheckTable(report!, { lang: 'en', facts: DECLARED, style: PLAIN, all: false, width: 80 });
    expect(table).toContain(
      [
        '  3. City top-up to the         district   up to ¥25,000 per person     excluded',
        "     district (master's degree             (50% of the base)",
        '     or intermediate title)',
        '     (depends on local rules)',
        '     m03-city-top-up-master-intermediate',
        '     paid to the district, not to the applicant; estimate ¥25,000: not in the',
        '     total',
      ].join('\n'),
    );
    expect(table).toContain('Total of computable estimates: ¥60,000\n  Not in the total: paid to the district: 1\n');
    const list = renderCheckTable(report!, { lang: 'zh', facts: DECLARED, style: PLAIN, all: false, width: 40 });
    expect(list).toContain('     测算：不计入\n     支付给区县，不是申请人所得，测算\n     2.5万元，不计入合计\n');
    expect(list).toContain('可测算金额合计：6万元\n  不计入合计：支付给区县1项\n');
  });

  it('marks loans as not in the total', async () => {
    const [report] = await reports('startup-founder.yaml');
    const text = renderCheckTable(report!, { lang: 'en', facts: DECLARED, style: PLAIN, all: false, width: 80 });
    expect(text).toMatch(/ {6}m18-enterprise-startup-loan\n {6}a loan ceiling, not a grant: not in the total\n/);
    expect(text).toContain('Not in the total: loans: ');
  });
});

describe('wrapText', () => {
  it('counts Chinese characters as two columns and breaks between them, never before closing punctuation', () => {
    expect(wrapText('就业见习补贴（留用率）', 10)).toEqual(['就业见习补', '贴（留用', '率）']);
    expect(wrapText('最高2.5万元/人', 10)).toEqual(['最高2.5万', '元/人']);
  });

  it('breaks English at spaces, with a hanging indent', () => {
    expect(wrapText('One-off hiring subsidy for a graduate', 16, { indent: 2, hang: 4 })).toEqual(['  One-off hiring', '    subsidy for', '    a graduate']);
  });

  it('never cuts an id: one too long for its indent moves left, one longer than the width stands whole', () => {
    expect(wrapText('see m12-digital-skills-training-voucher', 38, { indent: 4 })).toEqual(['    see', '   m12-digital-skills-training-voucher']);
    expect(wrapText('m08-digital-engineer-exceptional-application', 40, { indent: 5 })).toEqual(['m08-digital-engineer-exceptional-application']);
  });
});
