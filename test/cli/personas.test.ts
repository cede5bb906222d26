import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface Item {
  id: string;
  measure: number;
  recipient: string;
  amount: { kind: string; cny: number | null; loan?: boolean } | null;
  estimateCNY: number | null;
  basis: { measure: number; quote: string; units: string[] };
}

async function check(profile: string, ...extra: string[]) {
  const run = await runCli(['check', '--profile', `fixtures/profiles/${profile}.yaml`, '--as-of', '2024-06-30', '--json', ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as { eligible: Item[]; undetermined: Item[]; ineligible: Item[]; totalEstimateCNY: number };
  const eligible = (id: string) => {
    const item = result.eligible.find((i) => i.id === id);
    expect(item, `${id} should be eligible`).toBeDefined();
    return item!;
  };
  const isIneligible = (id: string) => result.ineligible.some((i) => i.id === id);
  return { result, eligible, isIneligible };
}

// "Done when": the right items, figures and legal basis for each kind of applicant.
describe('real-looking applicants', () => {
  it('a doctorate with a senior title: the 50,000 city top-up tier, not the 25,000 one', async () => {
    // The top-up is a share of what the district actually paid (按区县实发额的50%): open until the district's criteria are known.
    const open = await check('doctorate', '--param', 'm03-district-housing-subsidy=120000');
    expect(open.result.undetermined.find((i) => i.id === 'm03-city-top-up-doctorate-senior')).toMatchObject({ missing: ['districtHousingCriteria'] });
    const { eligible, isIneligible, result } = await check('doctorate', '--param', 'm03-district-housing-subsidy=120000', '--set', 'districtHousingCriteria=true');
    const topUp = eligible('m03-city-top-up-doctorate-senior');
    expect(topUp).toMatchObject({ recipient: 'district', amount: { kind: 'up-to', cny: 50000 }, estimateCNY: 50000 });
    expect(topUp.basis.quote).toContain('博士学历及高级职称职级不超过5万元/人');
    expect(topUp.basis.units).toEqual(['人力资源流动管理处', '市人才交流服务中心']);
    expect(isIneligible('m03-city-top-up-master-intermediate')).toBe(true);
    // The district's own criteria decide the housing subsidy itself (由区县根据实际情况发放): never certain from the industry alone.
    expect(open.result.undetermined.find((i) => i.id === 'm03-district-housing-subsidy')).toMatchObject({ estimateCNY: 120000, missing: ['districtHousingCriteria'] });
    expect(eligible('m03-district-housing-subsidy').estimateCNY).toBe(120000);
    expect(eligible('m08-exam-in-place-of-review').amount).toBeNull();
  });

  it('a master with an intermediate title: the 25,000 tier, half of what the district paid', async () => {
    const { eligible, isIneligible } = await check('master', '--param', 'm03-district-housing-subsidy=40000', '--set', 'districtHousingCriteria=true');
    expect(eligible('m03-city-top-up-master-intermediate')).toMatchObject({ amount: { cny: 25000 }, estimateCNY: 20000 });
    expect(isIneligible('m03-city-top-up-doctorate-senior')).toBe(true);
  });

  it('a postdoc leaving the station to stay in Chongqing on a 3-year contract: 150,000 over 3 years', async () => {
    const { eligible, isIneligible, result } = await check('postdoc-leaving');
    const grant = eligible('m02-postdoc-retention-grant');
    expect(grant).toMatchObject({ measure: 2, amount: { kind: 'fixed', cny: 150000 }, estimateCNY: 150000 });
    expect(grant.basis.quote).toContain('签订3年以上劳动合同，给予15万元/人·3年的出站留（来）渝资助');
    expect(isIneligible('m02-postdoc-daily-grant')).toBe(true);
    expect(result.totalEstimateCNY).toBe(150000);
  });

  it('a new graduate hired by a small software firm: 2,000 once, to the employer', async () => {
    const { eligible, isIneligible, result } = await check('graduate-small-firm');
    expect(eligible('m14-graduate-hiring-subsidy')).toMatchObject({ recipient: 'employer', estimateCNY: 2000 });
    expect(isIneligible('m14-priority-group-hiring-subsidy')).toBe(true);
    expect(result.totalEstimateCNY).toBe(2000);
  });

  it('an internship host keeping 60% of its interns: 6 months × 1,500 = 9,000, not 1,300 a month', async () => {
    const { eligible, isIneligible, result } = await check('internship-host');
    expect(eligible('m16-internship-subsidy-high-retention')).toMatchObject({ amount: { cny: 1500 }, estimateCNY: 9000 });
    expect(isIneligible('m16-internship-subsidy')).toBe(true);
    expect(result.totalEstimateCNY).toBe(9000);
  });

  it('a startup founder without Chongqing hukou: 8,000 grant; loan ceilings shown but never totalled', async () => {
    const { eligible, result } = await check('startup-founder');
    expect(eligible('m18-one-off-startup-grant')).toMatchObject({ amount: { cny: 8000 }, estimateCNY: 8000 });
    expect(eligible('m18-small-micro-combined-loan').amount).toMatchObject({ cny: 5000000, loan: true });
    expect(eligible('m18-enterprise-startup-loan').amount).toMatchObject({ cny: 3000000, loan: true });
    expect(eligible('m18-one-off-startup-grant').basis.quote).toContain('8000元∕户');
    expect(result.totalEstimateCNY).toBe(8000);
  });

  it('a Hongyan-plan talent on 600,000 a year: up to 2,000,000 for the talent, 5% = 30,000 for the employer', async () => {
    const { eligible, result } = await check('hongyan-talent');
    expect(eligible('m01-hongyan-talent-reward')).toMatchObject({ recipient: 'person', amount: { kind: 'up-to', cny: 2000000 }, estimateCNY: null });
    expect(eligible('m01-hongyan-employer-subsidy')).toMatchObject({ recipient: 'employer', amount: { kind: 'rate' }, estimateCNY: 30000 });
    expect(result.eligible[0]!.id).toBe('m01-hongyan-talent-reward'); // money first, largest first
  });
});
