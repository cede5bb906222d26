import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, compilePolicy } from '../../src/engine/evaluate.js';
import { statusAfterChange } from '../../src/engine/what-if.js';
import type { FactDef, FactValue } from '../../src/facts/facts.js';
import { FACTS } from '../support/facts.js';
import { fuzzParams } from '../support/fuzz-runs.js';
import { bundledPolicies } from '../support/bundled-policies.js';

/** Values a fact can take, with the thresholds the policies use nearby: enough to flip conditions both ways. */
const valueOf = (def: FactDef): fc.Arbitrary<FactValue> =>
  def.type === 'enum'
    ? fc.constantFrom(...def.values)
    : def.type === 'boolean'
      ? fc.boolean()
      : def.type === 'integer'
        ? fc.integer({ min: def.min, max: 40 })
        : fc.constantFrom(0, 0.5, 1, 1.5, 2, 3, 5, 10, 100_000, 300_000);
const profile = fc.record(Object.fromEntries(FACTS.map((def) => [def.name, valueOf(def)])), { requiredKeys: [] });
const changeable = FACTS.filter((def) => def.changeable);
const change = fc.uniqueArray(fc.constantFrom(...changeable), { minLength: 1, maxLength: 3, selector: (def) => def.name }).chain((defs) =>
  fc.tuple(fc.constant(defs.map((def) => def.name)), fc.tuple(...defs.map(valueOf))),
);

describe('the near-miss check of a change', () => {
  it('gives every item the status a whole classify gives it, supersession included', async () => {
    const compiled = compilePolicy(await bundledPolicies());
    fc.assert(
      fc.property(profile, change, fc.constantFrom('2022-06-30', '2024-06-30', '2026-06-30'), (before, [facts, values], asOf) => {
        const after: Record<string, FactValue> = { ...before };
        facts.forEach((fact, i) => (after[fact] = values[i]!));
        const statusOf = statusAfterChange(compiled, before, after, facts, asOf);
        const expected = classify(compiled, after, asOf);
        expect(compiled.items.map((entry) => statusOf(entry.index))).toEqual([...expected]);
      }),
      fuzzParams(200),
    );
  });

  it('also when many items supersede others, in chains, circles and either order of the files', async () => {
    const real = compilePolicy(await bundledPolicies());
    const n = 12;
    // Items whose conditions are fixed truths (0 false, 1 true, 2 unknown): what is left to judge is supersession.
    const policy = fc.tuple(fc.array(fc.constantFrom(0, 1, 1, 1, 2), { minLength: n, maxLength: n }), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }));
    fc.assert(
      fc.property(policy, ([truths, pairs]) => {
        const items = truths.map((truth, index) => ({
          ...real.items[index]!,
          index,
          audience: new Set(['person']),
          test: () => truth as 0 | 1 | 2,
          supersedes: pairs.filter(([from]) => from === index).map(([, to]) => to),
        }));
        const compiled = { ...real, items };
        const statusOf = statusAfterChange(compiled, {}, {}, ['degree'], '2024-06-30');
        expect(items.map((entry) => statusOf(entry.index))).toEqual([...classify(compiled, {}, '2024-06-30')]);
      }),
      fuzzParams(500),
    );
  });
});
