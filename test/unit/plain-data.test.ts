import { describe, expect, it } from 'vitest';
import { decodePlainData, encodePlainData, NotPlainData } from '../../src/util/plain-data.js';

const roundTrip = (value: unknown) => decodePlainData(JSON.parse(JSON.stringify(encodePlainData(value))));

describe('plain data through JSON', () => {
  it('keeps undefined properties, non-finite numbers and -0, Maps and Sets', () => {
    const value = { a: undefined, list: [1, undefined, null], n: [NaN, Infinity, -Infinity, -0, 0.5], map: new Map<unknown, unknown>([['k', { v: 1 }], [2, 'two']]), set: new Set(['x', 3]) };
    const back = roundTrip(value) as typeof value;
    expect(back).toStrictEqual(value);
    expect(Object.keys(back)).toEqual(['a', 'list', 'n', 'map', 'set']);
    expect(Object.is(back.n[3], -0)).toBe(true);
  });

  it('gives back one object where the data had one object in two places, as the policy set has its items', () => {
    const item = { id: 'm14' };
    const both = [item];
    const set = { measures: [{ items: both }], items: both, first: item };
    const back = roundTrip(set) as typeof set;
    expect(back).toStrictEqual(set);
    expect(back.items).toBe(back.measures[0]!.items);
    expect(back.first).toBe(back.items[0]);
  });

  it('keeps a "__proto__" key as a key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const back = roundTrip(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what it could not give back the same: functions, class instances, cycles, its own tag as a key', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [{ f: () => 1 }, { d: new Date(0) }, cycle, { $$: 'ref' }, { big: 1n }]) {
      expect(() => encodePlainData(value)).toThrow(NotPlainData);
    }
  });
});
