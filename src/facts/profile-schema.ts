import { z } from 'zod';
import { coerceFactValue } from './coerce.js';
import { describeAllowed, type FactDef, type FactsDeclaration } from './facts.js';

// The profile as a zod schema: what `subsidy schema profile` and `subsidy schema cases` publish. parseProfile
// (profile.ts) checks profiles without zod, so that a check does not load it; a test holds the two to the same answers.

function canonicalSchema(def: FactDef): z.ZodType {
  const error = `expected ${describeAllowed(def)}`;
  switch (def.type) {
    case 'enum':
      return z.enum(def.values as [string, ...string[]], { error });
    case 'boolean':
      return z.boolean({ error });
    case 'number':
    case 'integer': {
      let schema = def.type === 'integer' ? z.number({ error }).int({ error }) : z.number({ error });
      schema = schema.min(def.min, { error });
      if (def.max !== undefined) schema = schema.max(def.max, { error });
      return schema;
    }
  }
}

/** Strings in a profile may be labels (博士), yes/no words or numbers with separators; normalise them first. */
function lenient(facts: FactsDeclaration, def: FactDef): z.ZodType {
  return z.preprocess((raw) => {
    if (raw === null) return undefined;
    if (typeof raw !== 'string') return raw;
    const coerced = coerceFactValue(facts, def, raw);
    return coerced.ok ? coerced.value : raw;
  }, canonicalSchema(def).optional());
}

type ProfileSchema = z.ZodType<Record<string, unknown>>;

const profileSchemas = new WeakMap<FactsDeclaration, ProfileSchema>();

/** The schema of a profile under these facts, built once per declaration. */
export function profileSchemaOf(facts: FactsDeclaration): ProfileSchema {
  let schema = profileSchemas.get(facts);
  if (!schema) {
    schema = z.object(Object.fromEntries(facts.facts.map((def) => [def.name, lenient(facts, def).meta({ description: def.help.en, title: def.label.en })]))).strict() as ProfileSchema;
    profileSchemas.set(facts, schema);
  }
  return schema;
}

