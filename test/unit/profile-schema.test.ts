import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/facts/profile.js';
import { profileSchemaOf } from '../../src/facts/profile-schema.js';
import { valueSpellings } from '../../src/facts/facts.js';
import { factKeyNames, unitSpellings, unknownSpellings } from '../../src/facts/spellings.js';
import { DECLARED, FACTS } from '../support/facts.js';
import { fuzzParams } from '../support/fuzz-runs.js';

// parseProfile checks profiles without zod (a check does not load it); the zod schema is what `subsidy schema`
// publishes. They must give the same answers: the same facts and values, or problems on the same facts.

const values = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 200_000 }),
  fc.double({ min: -10, max: 1e6 }),
  fc.constantFrom(NaN, Infinity, 0.5, 1.5, 6, 12),
  fc.constantFrom('', ' ', '是', '否', 'yes', 'no', '1', '0', '600,000', '12,00', 'three', '博士', 'Senior', 'master', 'small', '小型', 'true'),
  fc.constantFrom(...FACTS.flatMap((def) => (def.type === 'enum' ? [...def.values, ...Object.values(def.valueLabels).flatMap((label) => [label.zh, label.en])] : []))),
  // Every declared spelling: values, ambiguous ones, unknown words, numbers with units, in any width.
  fc.constantFrom(...FACTS.flatMap((def) => [...valueSpellings(DECLARED, def).map(([spelling]) => spelling), ...Object.keys(def.type === 'enum' ? (def.ambiguous ?? {}) : {})]), ...unknownSpellings(DECLARED)),
  fc.tuple(fc.constantFrom('0', '1', '6', '1.5', '60', '１２'), fc.constantFrom('', ' ', ...FACTS.flatMap((def) => unitSpellings(def).map((unit) => unit.spelling)))).map(([n, unit]) => `${n}${unit}`),
  fc.string({ maxLength: 4 }),
  fc.constant([1]),
  fc.constant({ a: 1 }),
);
// Facts under their names, labels and aliases as declared (学历, Degree), so that one fact may come twice.
const names = fc.constantFrom(...FACTS.flatMap(factKeyNames), 'socialInsuranceMonth', 'degre', 'other');
const profiles = fc.oneof(
  fc.dictionary(names, values, { maxKeys: 6 }),
  // One fact under two of its names.
  fc.tuple(fc.constantFrom(...FACTS), values, values).map(([def, a, b]) => Object.fromEntries(factKeyNames(def).slice(0, 3).map((name, i) => [name, i === 0 ? a : b]))),
);

/** The old parse through zod: facts in the declaration's order, undefined left out; problems as the facts they are on. */
function throughZod(input: unknown) {
  const result = profileSchemaOf(DECLARED).safeParse(input ?? {});
  if (result.success) return { ok: true, value: Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)) };
  const on = result.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '')]));
  return { ok: false, on: [...new Set(on)].sort() };
}

function withoutZod(input: unknown) {
  const result = parseProfile(input, DECLARED);
  return result.ok ? { ok: true, value: result.value } : { ok: false, on: [...new Set(result.problems.map((problem) => problem.path))].sort() };
}

describe('parseProfile and the published profile schema', () => {
  it('accept the same profiles with the same values, and reject the same facts', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        expect(withoutZod(profile)).toStrictEqual(throughZod(profile));
        expect(Object.keys(withoutZod(profile).value ?? {})).toEqual(Object.keys(throughZod(profile).value ?? {}));
      }),
      fuzzParams(300),
    );
  });

  it('reject the same things that are not a mapping', () => {
    for (const input of [['degree'], 'degree', 3, true]) expect(withoutZod(input)).toStrictEqual(throughZod(input));
    expect(withoutZod(null)).toStrictEqual(throughZod(null));
  });
});
