import { parseDecimal } from '../util/decimal.js';
import { describeAllowed, FACT_BY_NAME, type FactDef, type FactValue } from './facts.js';

export type Coerced = { ok: true; value: FactValue | undefined } | { ok: false; message: string };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '有', '对']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '无', '不是', '没有']);

/** zh and en labels → canonical values, per enum fact, built once. */
const ENUM_LOOKUP: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  [...FACT_BY_NAME.values()].flatMap((def) => {
    if (def.type !== 'enum') return [];
    const lookup = new Map<string, string>();
    for (const value of def.values) {
      lookup.set(value.toLowerCase(), value);
      const label = def.valueLabels[value]!;
      lookup.set(label.zh.toLowerCase(), value);
      lookup.set(label.en.toLowerCase(), value);
    }
    return [[def.name, lookup]];
  }),
);

function fail(def: FactDef, raw: unknown): Coerced {
  return { ok: false, message: `${JSON.stringify(raw)} is not allowed; expected ${describeAllowed(def)}` };
}

/**
 * Turns what a person typed or a file held into the fact's canonical value.
 * Accepts enum labels in zh and en, yes/no/是/否 for booleans, and numbers with thousands separators.
 * A blank string or null is unknown.
 */
export function coerceFactValue(def: FactDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: undefined };
  if (typeof raw === 'string' && raw.trim() === '') return { ok: true, value: undefined };
  switch (def.type) {
    case 'enum': {
      if (typeof raw !== 'string') return fail(def, raw);
      const value = ENUM_LOOKUP.get(def.name)!.get(raw.trim().toLowerCase());
      return value === undefined ? fail(def, raw) : { ok: true, value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = String(raw).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return fail(def, raw);
    }
    case 'number':
    case 'integer': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseDecimal(raw) : undefined;
      if (value === undefined || !Number.isFinite(value)) return fail(def, raw);
      if (def.type === 'integer' && !Number.isInteger(value)) return fail(def, raw);
      if (value < def.min || (def.max !== undefined && value > def.max)) return fail(def, raw);
      return { ok: true, value };
    }
  }
}
