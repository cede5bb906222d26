import { parseDecimal } from '../util/decimal.js';
import type { Message } from '../util/messages/index.js';
import { notAllowed, valueSpellings, type FactDef, type FactsDeclaration, type FactValue } from './facts.js';

export type Coerced = { ok: true; value: FactValue | undefined } | { ok: false; message: Message };

const lookups = new WeakMap<FactDef, ReadonlyMap<string, FactValue>>();

/** The declared spellings of an enum's or a yes/no fact's values, folded to lower case → value, built once per fact. */
function lookupOf(facts: FactsDeclaration, def: FactDef): ReadonlyMap<string, FactValue> {
  let lookup = lookups.get(def);
  if (!lookup) {
    const map = new Map<string, FactValue>();
    for (const [spelling, value] of valueSpellings(facts, def)) if (!map.has(spelling.toLowerCase())) map.set(spelling.toLowerCase(), value);
    lookups.set(def, (lookup = map));
  }
  return lookup;
}

function fail(def: FactDef, raw: unknown): Coerced {
  return { ok: false, message: notAllowed(def, raw) };
}

/**
 * Turns what a person typed or a file held into the fact's canonical value.
 * Accepts the spellings the facts declaration gives (enum labels and aliases in zh and en, yes/no/是/否 for
 * booleans), and numbers with thousands separators. A blank string or null is unknown.
 */
export function coerceFactValue(facts: FactsDeclaration, def: FactDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: undefined };
  if (typeof raw === 'string' && raw.trim() === '') return { ok: true, value: undefined };
  switch (def.type) {
    case 'enum': {
      if (typeof raw !== 'string') return fail(def, raw);
      const value = lookupOf(facts, def).get(raw.trim().toLowerCase());
      return value === undefined ? fail(def, raw) : { ok: true, value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const value = lookupOf(facts, def).get(String(raw).trim().toLowerCase());
      return value === undefined ? fail(def, raw) : { ok: true, value };
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
