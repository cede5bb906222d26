import { describe, expect, it } from 'vitest';
import { TRUE } from '../../src/engine/condition.js';
import { classify, compilePolicy, evaluate, type CompiledPolicy } from '../../src/engine/evaluate.js';
import { explainItem } from '../../src/engine/explain.js';
import { compareScenario, MAX_CHANGES, nearMisses, nearMissOf, type NearMiss } from '../../src/engine/what-if.js';
import type { FactValue, Profile } from '../../src/facts/facts.js';
import { FACT_BY_NAME } from '../support/facts.js';
import type { ConditionInput } from '../../src/policy/schema.js';
import { fixedAmount, inlineItem, inlinePolicySet, label, type ItemInput } from './inline-policy.js';

const AS_OF = '2024-06-30';

const FIXED = fixedAmount;

function item(id: string, when: ConditionInput, extra: Partial<ItemInput> = {}): ItemInput {
  return inlineItem(id, when, { amount: FIXED(1000), ...extra });
}

function policy(items: ItemInput[], params: Record<string, number> = {}): CompiledPolicy {
  return compilePolicy(inlinePolicySet(items, ['months-needed']), params);
}

const changesOf = (misses: NearMiss[], id: string) => misses.find((miss) => miss.id === id)?.changes;

describe('what-if: one threshold', () => {
  it('gte on an integer: the threshold itself', () => {
    const compiled = policy([item('m01-hire', { all: [{ fact: 'softwareSector', is: true }, { fact: 'socialInsuranceMonths', gte: 6 }] }, { amount: FIXED(2000) })]);
    expect(nearMisses(compiled, { softwareSector: true, socialInsuranceMonths: 5 }, AS_OF)).toEqual([
      { id: 'm01-hire', measure: 1, title: label('m01-hire'), changes: [{ fact: 'socialInsuranceMonths', from: 5, to: 6 }], gainCNY: 2000, valueCNY: 2000 },
    ]);
  });

  it('gt on an integer: the next whole number; lte: the threshold', () => {
    const compiled = policy([item('m01-gt', { fact: 'internshipMonths', gt: 2 }), item('m01-lte', { fact: 'socialInsuranceMonths', lte: 24 })]);
    const misses = nearMisses(compiled, { internshipMonths: 0, socialInsuranceMonths: 30 }, AS_OF);
    expect(changesOf(misses, 'm01-gt')).toEqual([{ fact: 'internshipMonths', from: 0, to: 3 }]);
    expect(changesOf(misses, 'm01-lte')).toEqual([{ fact: 'socialInsuranceMonths', from: 30, to: 24 }]);
  });

  it('strict comparisons on a real number: 0.01 past the threshold, and the bound kept for the words', () => {
    const compiled = policy([item('m01-contract', { fact: 'contractYears', gt: 0 }), item('m01-retention', { fact: 'internRetentionRate', lt: 0.5 })]);
    const misses = nearMisses(compiled, { contractYears: 0, internRetentionRate: 0.6 }, AS_OF);
    expect(changesOf(misses, 'm01-contract')).toEqual([{ fact: 'contractYears', from: 0, to: 0.01, above: 0 }]);
    expect(changesOf(misses, 'm01-retention')).toEqual([{ fact: 'internRetentionRate', from: 0.6, to: 0.49, below: 0.5 }]);
  });

  it('a threshold given by a parameter is resolved', () => {
    const compiled = policy([item('m01-param', { fact: 'socialInsuranceMonths', gte: { param: 'months-needed' } })], { 'months-needed': 9 });
    expect(changesOf(nearMisses(compiled, { socialInsuranceMonths: 1 }, AS_OF), 'm01-param')).toEqual([{ fact: 'socialInsuranceMonths', from: 1, to: 9 }]);
  });

  it('a negated comparison is met from its other side', () => {
    const compiled = policy([item('m01-not', { not: { fact: 'socialInsuranceMonths', gte: 6 } })]);
    expect(changesOf(nearMisses(compiled, { socialInsuranceMonths: 8 }, AS_OF), 'm01-not')).toEqual([{ fact: 'socialInsuranceMonths', from: 8, to: 5 }]);
  });

  it('an enum moves to the nearest allowed value in declared order', () => {
    const compiled = policy([item('m01-title', { fact: 'title', in: ['intermediate', 'senior'] })]);
    expect(changesOf(nearMisses(compiled, { title: 'junior' }, AS_OF), 'm01-title')).toEqual([{ fact: 'title', from: 'junior', to: 'intermediate' }]);
  });

  it('between: the nearer end', () => {
    const compiled = policy([item('m01-between', { fact: 'socialInsuranceMonths', between: [6, 24] })]);
    expect(changesOf(nearMisses(compiled, { socialInsuranceMonths: 40 }, AS_OF), 'm01-between')).toEqual([{ fact: 'socialInsuranceMonths', from: 40, to: 24 }]);
    expect(changesOf(nearMisses(compiled, { socialInsuranceMonths: 2 }, AS_OF), 'm01-between')).toEqual([{ fact: 'socialInsuranceMonths', from: 2, to: 6 }]);
  });
});

describe('what-if: several facts', () => {
  it('changes two facts together when both fail', () => {
    const compiled = policy([item('m01-retention-grant', { all: [{ fact: 'staysInChongqing', is: true }, { fact: 'contractYears', gte: 3 }] }, { amount: FIXED(150000) })]);
    expect(changesOf(nearMisses(compiled, { staysInChongqing: false, contractYears: 2 }, AS_OF), 'm01-retention-grant')).toEqual([
      { fact: 'staysInChongqing', from: false, to: true },
      { fact: 'contractYears', from: 2, to: 3 },
    ]);
  });

  it('prefers the fewest changes, even when they are bigger', () => {
    const when = { any: [{ all: [{ fact: 'socialInsuranceMonths', gte: 6 }, { fact: 'contractYears', gte: 1 }] }, { fact: 'title', equals: 'senior' }] };
    const compiled = policy([item('m01-either', when)]);
    expect(changesOf(nearMisses(compiled, { socialInsuranceMonths: 5, contractYears: 0.5, title: 'none' }, AS_OF), 'm01-either')).toEqual([
      { fact: 'title', from: 'none', to: 'senior' },
    ]);
  });

  it('among single changes, prefers the smallest', () => {
    const when = { any: [{ fact: 'socialInsuranceMonths', gte: 12 }, { fact: 'contractYears', gte: 3 }] };
    const compiled = policy([item('m01-either', when)]);
    // 5 → 12 months is more than double; 2.5 → 3 years is a sixth more.
    expect(changesOf(nearMisses(compiled, { socialInsuranceMonths: 5, contractYears: 2.5 }, AS_OF), 'm01-either')).toEqual([
      { fact: 'contractYears', from: 2.5, to: 3 },
    ]);
  });

  it(`searches at most ${MAX_CHANGES} facts at once`, () => {
    const three = [
      { fact: 'socialInsuranceMonths', gte: 6 },
      { fact: 'contractYears', gte: 1 },
      { fact: 'startupContestEntrant', is: true },
    ];
    const compiled = policy([item('m01-three', { all: three }), item('m01-four', { all: [...three, { fact: 'inIncubationBase', is: true }] })]);
    const misses = nearMisses(compiled, { socialInsuranceMonths: 0, contractYears: 0, startupContestEntrant: false, inIncubationBase: false }, AS_OF);
    expect(changesOf(misses, 'm01-three')).toHaveLength(3);
    expect(changesOf(misses, 'm01-four')).toBeUndefined();
  });
});

describe('what-if: what cannot or need not change', () => {
  it('never suggests a fact that is not changeable', () => {
    expect(FACT_BY_NAME.get('disabled')!.changeable).toBe(false);
    const compiled = policy([
      item('m01-both', { all: [{ fact: 'disabled', is: true }, { fact: 'socialInsuranceMonths', gte: 6 }] }),
      item('m01-either', { any: [{ fact: 'disabled', is: true }, { fact: 'socialInsuranceMonths', gte: 12 }] }),
    ]);
    const misses = nearMisses(compiled, { disabled: false, socialInsuranceMonths: 5 }, AS_OF);
    expect(changesOf(misses, 'm01-both')).toBeUndefined();
    expect(changesOf(misses, 'm01-either')).toEqual([{ fact: 'socialInsuranceMonths', from: 5, to: 12 }]);
  });

  it('suggests nothing when nothing can help', () => {
    const compiled = policy([
      item('m01-hukou', { fact: 'chongqingHukou', is: true }),
      item('m01-district', { fact: 'socialInsuranceMonths', gte: 6 }, { recipient: 'district' }),
      item('m01-no-money', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: undefined }),
      item('m01-loan', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: { kind: 'up-to', cny: 200000, unit: 'person', loan: true } }),
      item('m01-no-figure', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: { kind: 'actual', cny: null, unit: 'person' } }),
      item('m01-expired', { fact: 'socialInsuranceMonths', gte: 6 }, { validity: { to: '2023-12-31' } }),
      // Shown to the employer for information; the money goes to the district.
      item('m01-district-top-up', { fact: 'socialInsuranceMonths', gte: 6 }, { recipient: 'district', audience: ['employer'] }),
    ]);
    expect(nearMisses(compiled, { applicantType: 'employer', chongqingHukou: false, socialInsuranceMonths: 5 }, AS_OF)).toEqual([]);
  });

  it('an unknown fact that can change is suggested as a value to set (from: null); an unknown one that cannot, is not', () => {
    const compiled = policy([
      item('m01-stay', { all: [{ fact: 'softwareSector', is: true }, { fact: 'staysInChongqing', is: true }] }),
      item('m01-hukou', { all: [{ fact: 'chongqingHukou', is: true }, { fact: 'socialInsuranceMonths', gte: 6 }] }),
    ]);
    const misses = nearMisses(compiled, { softwareSector: true, socialInsuranceMonths: 5 }, AS_OF);
    expect(misses.map((miss) => miss.id)).toEqual(['m01-stay']);
    expect(misses[0]!.changes).toEqual([{ fact: 'staysInChongqing', from: null, to: true }]);
  });

  it('an item already eligible, or replaced by a higher one the applicant gets, is not a near miss', () => {
    const compiled = policy([
      item('m01-basic', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: FIXED(2000) }),
      item('m01-raised', { fact: 'socialInsuranceMonths', gte: 12 }, { amount: FIXED(6000), supersedes: ['m01-basic'] }),
    ]);
    expect(nearMisses(compiled, { socialInsuranceMonths: 12 }, AS_OF)).toEqual([]);
  });

  it('a higher item that replaces one already held says so, and gains only the difference', () => {
    const compiled = policy([
      item('m01-basic', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: FIXED(2000) }),
      item('m01-raised', { fact: 'socialInsuranceMonths', gte: 12 }, { amount: FIXED(6000), supersedes: ['m01-basic'] }),
    ]);
    expect(nearMisses(compiled, { socialInsuranceMonths: 7 }, AS_OF)).toEqual([
      expect.objectContaining({ id: 'm01-raised', changes: [{ fact: 'socialInsuranceMonths', from: 7, to: 12 }], gainCNY: 4000, valueCNY: 6000, replaces: ['m01-basic'] }),
    ]);
  });

  it('never suggests a change that loses an item already held', () => {
    const compiled = policy([
      item('m01-low', { fact: 'internRetentionRate', lt: 0.5 }, { amount: FIXED(1300) }),
      item('m01-high', { fact: 'internRetentionRate', gte: 0.5 }, { amount: FIXED(1500), supersedes: ['m01-low'] }),
    ]);
    expect(nearMisses(compiled, { internRetentionRate: 0.6 }, AS_OF)).toEqual([]);
  });
});

describe('what-if: value and order', () => {
  it('the value gained is the estimate after the change, else the stated figure', () => {
    const compiled = policy([
      item('m01-internship', { fact: 'internshipMonths', gt: 0 }, { amount: { kind: 'per-month', cny: 1500, unit: 'person-month', months: { fact: 'internshipMonths' } } }),
      item('m01-capped', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: { kind: 'up-to', cny: 30000, unit: 'person' } }),
    ]);
    const misses = nearMisses(compiled, { internshipMonths: 0, socialInsuranceMonths: 0 }, AS_OF);
    expect(misses.map((miss) => [miss.id, miss.gainCNY])).toEqual([
      ['m01-capped', 30000],
      ['m01-internship', 1500],
    ]);
  });

  it('sorts by value gained, then fewest changes, then id', () => {
    const compiled = policy([
      item('m02-b', { fact: 'socialInsuranceMonths', gte: 6 }),
      item('m01-two', { all: [{ fact: 'socialInsuranceMonths', gte: 6 }, { fact: 'title', equals: 'senior' }] }),
      item('m02-a', { fact: 'socialInsuranceMonths', gte: 6 }),
      item('m01-big', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: FIXED(5000) }),
    ]);
    expect(nearMisses(compiled, { socialInsuranceMonths: 0, title: 'none' }, AS_OF).map((miss) => miss.id)).toEqual(['m01-big', 'm02-a', 'm02-b', 'm01-two']);
  });
});

describe('what-if: every suggestion is real and minimal', () => {
  // A small policy mixing all / any / not over changeable and unchangeable facts, checked against brute force.
  const compiled = policy([
    item('m01-a', { all: [{ fact: 'socialInsuranceMonths', gte: 6 }, { fact: 'contractYears', gt: 1 }] }),
    item('m01-b', { any: [{ fact: 'title', in: ['senior'] }, { all: [{ fact: 'staysInChongqing', is: true }, { not: { fact: 'socialInsuranceMonths', lt: 12 } }] }] }),
    item('m01-c', { all: [{ fact: 'disabled', is: false }, { any: [{ fact: 'contractYears', between: [2, 4] }, { fact: 'title', equals: 'intermediate' }] }] }),
    item('m01-d', { all: [{ fact: 'socialInsuranceMonths', gte: 3 }, { fact: 'staysInChongqing', is: true }] }, { amount: FIXED(3000), supersedes: ['m01-a'] }),
  ]);
  const domains: Record<string, FactValue[]> = {
    socialInsuranceMonths: Array.from({ length: 16 }, (_, i) => i),
    contractYears: [0, 0.5, 1, 1.01, 1.5, 2, 3, 4, 4.5, 6],
    title: ['none', 'junior', 'intermediate', 'senior'],
    staysInChongqing: [true, false],
  };
  const facts = Object.keys(domains);

  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)]!;

  /**
   * Whether some change of exactly `count` facts (values from the domains) makes the item's own condition hold
   * ('condition'), or makes it eligible in the whole policy without losing an item already held ('verified').
   */
  function reachable(profile: Profile, index: number, count: number, mode: 'condition' | 'verified'): boolean {
    const entry = compiled.items[index]!;
    const before = classify(compiled, profile, AS_OF);
    const accept = (changed: Profile): boolean => {
      if (mode === 'condition') return entry.test(changed) === TRUE;
      const after = classify(compiled, changed, AS_OF);
      return after[index] === TRUE && before.every((s, j) => s !== TRUE || after[j] === TRUE || entry.supersedes.includes(j));
    };
    const tryFrom = (start: number, left: number, changed: Record<string, FactValue>): boolean => {
      if (left === 0) return accept(changed);
      for (let f = start; f < facts.length; f++) {
        for (const value of domains[facts[f]!]!) {
          if (value === profile[facts[f]!]) continue;
          if (tryFrom(f + 1, left - 1, { ...changed, [facts[f]!]: value })) return true;
        }
      }
      return false;
    };
    return tryFrom(0, count, { ...profile });
  }

  it('on 150 random profiles: each near miss gets its item and no fewer changes would; no near miss means no change would', () => {
    let found = 0;
    for (let round = 0; round < 150; round++) {
      const profile: Record<string, FactValue> = { disabled: pick([true, false]) };
      for (const fact of facts) if (random() < 0.85) profile[fact] = pick(domains[fact]!);
      const misses = nearMisses(compiled, profile, AS_OF);
      const status = classify(compiled, profile, AS_OF);
      for (const entry of compiled.items) {
        const miss = misses.find((m) => m.id === entry.item.id);
        const context = JSON.stringify({ profile, id: entry.item.id, miss });
        if (miss) {
          found += miss.changes.length;
          const after = { ...profile, ...Object.fromEntries(miss.changes.map((c) => [c.fact, c.to])) };
          expect(classify(compiled, after, AS_OF)[entry.index], context).toBe(TRUE);
          for (const change of miss.changes) expect(FACT_BY_NAME.get(change.fact)!.changeable).toBe(true);
          for (const change of miss.changes) expect(change.from).toBe(profile[change.fact] ?? null);
          for (let fewer = 1; fewer < miss.changes.length; fewer++) expect(reachable(profile, entry.index, fewer, 'condition'), context).toBe(false);
        } else if (status[entry.index] !== TRUE && entry.test(profile) !== TRUE) {
          // The search stops at the fewest changes that meet the condition: none of those may get the item.
          for (let count = 1; count <= MAX_CHANGES; count++) {
            if (!reachable(profile, entry.index, count, 'condition')) continue;
            expect(reachable(profile, entry.index, count, 'verified'), context).toBe(false);
            break;
          }
        }
      }
    }
    expect(found).toBeGreaterThan(100); // the profiles do exercise the search
  });
});

describe('scenario and explanation', () => {
  const compiled = policy([
    item('m01-basic', { fact: 'socialInsuranceMonths', gte: 6 }, { amount: FIXED(2000) }),
    item('m01-stay', { fact: 'staysInChongqing', is: true }, { amount: FIXED(500) }),
  ]);

  it('compareScenario lists what a change gains and loses, and the change in total', () => {
    const before = evaluate(compiled, { socialInsuranceMonths: 5, staysInChongqing: true }, AS_OF);
    const after = evaluate(compiled, { socialInsuranceMonths: 6, staysInChongqing: false }, AS_OF);
    expect(compareScenario(before, after, { socialInsuranceMonths: 6, staysInChongqing: false })).toEqual({
      set: { socialInsuranceMonths: 6, staysInChongqing: false },
      was: { socialInsuranceMonths: 5, staysInChongqing: true },
      gained: ['m01-basic'],
      lost: ['m01-stay'],
      totalChangeCNY: 1500,
    });
  });

  it('explainItem gives the status, the trace, the amount and the near miss; nearMissOf agrees', () => {
    const profile = { socialInsuranceMonths: 5 };
    const explanation = explainItem(compiled, profile, AS_OF, 'm01-basic')!;
    expect(explanation.status).toBe('ineligible');
    expect(explanation.trace).toMatchObject({ kind: 'compare', fact: 'socialInsuranceMonths', status: 'failed', actual: 5, expected: '>= 6' });
    expect(explanation.amount).toMatchObject({ method: 'fixed', estimateCNY: 2000 });
    expect(explanation.nearMiss).toEqual(nearMissOf(compiled, profile, AS_OF, 'm01-basic'));
    expect(explanation.nearMiss?.changes).toEqual([{ fact: 'socialInsuranceMonths', from: 5, to: 6 }]);
    expect(explainItem(compiled, { socialInsuranceMonths: 6 }, AS_OF, 'm01-basic')).not.toHaveProperty('nearMiss');
    expect(explainItem(compiled, profile, AS_OF, 'm01-nothing')).toBeNull();
  });
});
