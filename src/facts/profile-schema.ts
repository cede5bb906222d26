import { z } from 'zod';
import { coerceFactValue } from './coerce.js';
import { describeAllowed, valueSpellings, type FactDef, type FactsDeclaration, type FactValue } from './facts.js';
import { twiceMessage } from './profile.js';
import { factKeyNames, spellingKey, unitSpellings, unknownSpellings } from './spellings.js';
import { NUMERAL_CHARS } from '../util/chinese-numeral.js';

// The profile as a zod schema: what `subsidy schema profile` and `subsidy schema cases` publish (their input side, so
// that an editor takes 学历: 硕士 and softwareSector: 是). parseProfile (profile.ts) checks profiles without zod, so that
// a check does not load it; a test holds the two to the same answers.

/** The canonical form of a fact's value, as a program writes it. */
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

const SYNTAX = /[\^$\\.*+?()[\]{}|/]/g;
const IN_CLASS = /[\\\]\[^-]/g;

/** One character as the spelling table compares it: in either case and, for ASCII, in full width too. */
function charPattern(char: string): string {
  const forms = new Set([char, char.toUpperCase()].filter((form) => form.length === 1));
  for (const form of [...forms]) if (form >= '!' && form <= '~') forms.add(String.fromCharCode(form.charCodeAt(0) + 0xfee0));
  return forms.size === 1 ? char.replace(SYNTAX, '\\$&') : `[${[...forms].map((form) => form.replace(IN_CLASS, '\\$&')).join('')}]`;
}

const DIGIT = '[0-9０-９]';
const SPACES = '\\s*';

/** A spelling as a regular expression: any case, ASCII in any width, any spaces between words (as spellingKey folds them). */
const spellingPattern = (spelling: string): string => [...spellingKey(spelling)].map((char) => (char === ' ' ? '\\s+' : charPattern(char))).join('');

/**
 * The strings a fact takes, as one regular expression for editors: its spellings (or a number with one of its
 * units) and the words for unknown. Ranges are not in it: a string number out of range is refused on reading.
 */
function stringPattern(facts: FactsDeclaration, def: FactDef): string {
  const words = [...(def.type === 'number' || def.type === 'integer' ? [] : valueSpellings(facts, def).map(([spelling]) => spelling)), ...unknownSpellings(facts)];
  const alternatives = [...new Set(words.map(spellingPattern))];
  if (def.type === 'number' || def.type === 'integer') {
    const sign = def.min < 0 ? '[+＋\\-－]?' : '[+＋]?';
    const units = [...new Set(unitSpellings(def).map((unit) => spellingPattern(unit.spelling)))];
    const decimal = `${sign}(?=[.．]?${DIGIT})(?:${DIGIT}{1,3}(?:[,，]${DIGIT}{3})+|${DIGIT}+)?(?:[.．]${DIGIT}+)?`;
    // Chinese numerals (十二, 3万, 1.5万), loosely: which of them are standard, coerceFactValue decides.
    const numeral = `[${NUMERAL_CHARS}0-9０-９.．,，]*[${NUMERAL_CHARS}][${NUMERAL_CHARS}0-9０-９.．,，]*`;
    const number = `(?:${decimal}|${numeral})`;
    alternatives.unshift(units.length > 0 ? `${number}${SPACES}(?:${units.join('|')})?` : number);
  }
  return `^${SPACES}(?:${alternatives.join('|')})${SPACES}$`;
}

/** The strings a fact takes, for editors: the pattern (zod does not check it; coerceFactValue decides) and the spellings to complete. */
function writtenSchema(facts: FactsDeclaration, def: FactDef): z.ZodType {
  const examples = [...new Set(valueSpellings(facts, def).map(([spelling]) => spelling))];
  const description =
    def.type === 'number' || def.type === 'integer'
      ? `A number in digits or Chinese numerals (十二), maybe full-width or with a unit (${unitSpellings(def).map((unit) => unit.spelling).join(', ') || 'none declared'}), or a word for unknown`
      : 'A label or other declared spelling (any case or width), or a word for unknown';
  return z.string().meta({ pattern: stringPattern(facts, def), description, ...(examples.length > 0 ? { examples } : {}) });
}

/** A fact's value as a profile may hold it: canonical, or a string the spelling table reads; null is unknown. */
function lenient(facts: FactsDeclaration, def: FactDef, yesOrNo: z.ZodType): z.ZodType {
  const written = def.type === 'boolean' ? yesOrNo : writtenSchema(facts, def);
  return z
    .union([canonicalSchema(def), written])
    .nullable()
    .transform((raw, context): FactValue | undefined => {
      const coerced = coerceFactValue(facts, def, raw);
      if (coerced.ok) return coerced.value;
      context.addIssue({ code: 'custom', message: coerced.message });
      return z.NEVER;
    })
    .optional()
    .meta({ id: def.name, title: def.label.en, description: def.help.en });
}

type ProfileSchema = z.ZodType<Record<string, unknown>>;

const profileSchemas = new WeakMap<FactsDeclaration, ProfileSchema>();

/**
 * The schema of a profile under these facts, built once per declaration: a fact under its name, its zh or en label
 * or an alias (as written in facts.yaml; reading also takes them in any case or width), given once.
 */
export function profileSchemaOf(facts: FactsDeclaration): ProfileSchema {
  let schema = profileSchemas.get(facts);
  if (!schema) {
    // The words for yes and no are one table: one definition for every yes/no fact.
    const yesOrNo = facts.facts.find((def) => def.type === 'boolean');
    const yesOrNoSchema = yesOrNo ? writtenSchema(facts, yesOrNo).meta({ id: 'yesOrNo' }) : z.never();
    const keys = facts.facts.map((def) => ({ def, names: [...new Set(factKeyNames(def))], value: lenient(facts, def, yesOrNoSchema) }));
    // For editors: a fact's name, when present, rules its other names out (the superRefine below says it to zod).
    const dependentSchemas = Object.fromEntries(
      keys.flatMap(({ names }) => (names.length < 2 ? [] : names.map((name) => [name, { not: { anyOf: names.filter((other) => other !== name).map((other) => ({ required: [other] })) } }]))),
    );
    schema = z
      .object(Object.fromEntries(keys.flatMap(({ names, value }) => names.map((name) => [name, value]))))
      .strict()
      .meta({ dependentSchemas })
      // Also when a value is bad: a fact given twice is a problem of its own.
      .superRefine(
        (profile, context) => {
          if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) return;
          for (const { def, names } of keys) {
            const given = names.filter((name) => Object.hasOwn(profile, name));
            for (const key of given.slice(1)) {
              const twice = twiceMessage(def, given[0]!, key);
              context.addIssue({ code: 'custom', path: [key], message: twice.id, params: twice.params });
            }
          }
        },
        { when: () => true },
      )
      .transform((profile) => {
        const canonical: Record<string, unknown> = {};
        for (const { def, names } of keys) {
          const key = names.find((name) => Object.hasOwn(profile, name));
          if (key !== undefined && profile[key] !== undefined) canonical[def.name] = profile[key];
        }
        return canonical;
      }) as unknown as ProfileSchema;
    profileSchemas.set(facts, schema);
  }
  return schema;
}
