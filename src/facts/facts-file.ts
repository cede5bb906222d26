import { z } from 'zod';
import type { Parsed, Problem } from '../util/problems.js';
import { zodIssues } from '../util/zod-issues.js';
import type { Aliases, FactDef, FactsDeclaration, FactValue, Label, UnitSpelling } from './facts.js';
import { factKeyNames, headerKey, spellingKey } from './spellings.js';

/** The format of facts.yaml: the zod schema that validates it and that `subsidy schema facts` publishes. */

export const labelSchema = z
  .object({ zh: z.string().min(1), en: z.string().min(1) })
  .strict()
  .meta({ description: 'Text in Chinese and English' });

const aliasesSchema = z
  .object({ zh: z.array(z.string().trim().min(1)).optional(), en: z.array(z.string().trim().min(1)).optional() })
  .strict()
  .meta({ description: 'Other spellings accepted, beside the name and the labels (compared without regard to case)' });

const valueWordsSchema = z
  .object({ label: labelSchema, aliases: aliasesSchema.optional() })
  .strict();

const factName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, { error: 'expected a camelCase fact name, e.g. socialInsuranceMonths' });
const valueName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case value, e.g. in-station' });
const groupName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case group name' });

const common = {
  label: labelSchema.meta({ description: 'Short name: a CSV header, a question' }),
  help: labelSchema.meta({ description: 'What the fact means, as a question would explain it' }),
  answeredBy: z.array(z.string().min(1)).min(1).meta({ description: 'The applicant types (values of applicantType) that can answer it: the questionnaire asks no one else' }),
  changeable: z.boolean().optional().meta({ description: 'Whether an applicant can realistically change it: what-if suggests changes only to these (default false)' }),
  group: groupName.optional().meta({ description: "The questionnaire checklist's topic (one of groups) for a yes/no fact or a mostlyNone enum" }),
  aliases: aliasesSchema.optional().meta({ description: 'Other CSV header names for the fact' }),
  implies: z
    .record(z.string().min(1), z.record(factName, z.union([z.boolean(), z.number(), z.string()])))
    .optional()
    .meta({
      description:
        'What an answer says about other facts: a value of this fact ("true", or an enum value) → those facts\' values, taken as answered by the questionnaire, e.g. graduateOfCurrentYear: {implies: {"true": {yearsSinceGraduation: 0}}}',
    }),
};

const booleanFactSchema = z.object({ type: z.literal('boolean'), ...common }).strict();
const enumFactSchema = z
  .object({
    type: z.literal('enum'),
    ...common,
    values: z.record(valueName, valueWordsSchema).meta({ description: 'The values in order, each with its labels and other accepted spellings' }),
    mostlyNone: z.boolean().optional().meta({ description: 'Nearly everyone answers none: the questionnaire offers the other values as ticks in its checklist' }),
    ambiguous: z
      .record(z.string().trim().min(1), z.array(valueName).min(2))
      .optional()
      .meta({ description: 'Spellings that fit more than one value (研究生: [master, doctorate]): refused, naming these candidates' }),
  })
  .strict();
const numberFactSchema = z
  .object({
    type: z.enum(['number', 'integer']).meta({ description: 'integer: whole numbers only' }),
    ...common,
    min: z.number(),
    max: z.number().optional(),
    unit: labelSchema.optional().meta({ description: 'The unit the value is stored in; its labels are accepted after a number (6个月)' }),
    units: z
      .record(z.string().trim().min(1), z.union([z.number().positive(), z.string().regex(/^[1-9][0-9]*\/[1-9][0-9]*$/, { error: 'expected a number or a fraction like 1/12' })]))
      .optional()
      .meta({ description: 'Other units accepted after a number, each with what one of it is in the stored unit: 年: 12 on a fact in months, "%": 0.01 on a fact from 0 to 1, 个月: 1/12 on a fact in years' }),
  })
  .strict();

const factSchema = z.discriminatedUnion('type', [booleanFactSchema, enumFactSchema, numberFactSchema], {
  error: 'expected type: boolean, enum, number or integer',
});

export const factsFileSchema = z
  .object({
    $schema: z.string().optional(),
    booleanValues: z
      .object({ true: valueWordsSchema, false: valueWordsSchema })
      .strict()
      .meta({ description: 'How yes and no are written for every yes/no fact; the first en alias is shown in error hints' }),
    unknownValues: aliasesSchema.optional().meta({ description: 'Spellings that mean "unknown" for every fact (不知道), read as a blank' }),
    groups: z.record(groupName, labelSchema).meta({ description: "The topics of the questionnaire's checklist, in the order shown" }),
    facts: z.record(factName, factSchema).meta({ description: 'Every fact a profile can hold, in the order questions and tables list them' }),
  })
  .strict()
  .meta({ title: 'subsidy facts (policies/facts.yaml)' });

type FactsFile = z.infer<typeof factsFileSchema>;
type AliasesInput = z.infer<typeof aliasesSchema> | undefined;

const aliasesOf = (input: AliasesInput): Aliases => ({ zh: input?.zh ?? [], en: input?.en ?? [] });

function factOf(name: string, input: FactsFile['facts'][string]): FactDef {
  const base = {
    name,
    label: input.label,
    help: input.help,
    answeredBy: input.answeredBy,
    changeable: input.changeable ?? false,
    ...(input.group !== undefined ? { group: input.group } : {}),
    ...(input.aliases ? { aliases: aliasesOf(input.aliases) } : {}),
    ...(input.implies ? { implies: input.implies } : {}),
  };
  switch (input.type) {
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'enum': {
      const entries = Object.entries(input.values);
      const valueAliases = Object.fromEntries(entries.filter(([, words]) => words.aliases).map(([value, words]) => [value, aliasesOf(words.aliases)]));
      return {
        ...base,
        type: 'enum',
        values: entries.map(([value]) => value),
        valueLabels: Object.fromEntries(entries.map(([value, words]) => [value, words.label])),
        ...(Object.keys(valueAliases).length > 0 ? { valueAliases } : {}),
        ...(input.mostlyNone ? { mostlyNone: true } : {}),
        ...(input.ambiguous ? { ambiguous: input.ambiguous } : {}),
      };
    }
    default:
      return {
        ...base,
        type: input.type,
        min: input.min,
        ...(input.max !== undefined ? { max: input.max } : {}),
        ...(input.unit ? { unit: input.unit } : {}),
        ...(input.units ? { units: Object.entries(input.units).map(([spelling, factor]) => unitOf(spelling, factor)) } : {}),
      };
  }
}

/** A declared unit: a factor (0.01, 12) or a fraction ("1/12"), as times and per. */
function unitOf(spelling: string, factor: number | string): UnitSpelling {
  if (typeof factor === 'number') return { spelling, times: String(factor), per: 1 };
  const [times, per] = factor.split('/');
  return { spelling, times: times!, per: Number(per) };
}

/** One meaning a spelling is claimed for: a value (true, "master"), "ambiguous", "unknown" or a unit. */
interface Claim {
  meaning: string;
  spellings: readonly string[];
  path: string;
}

/** Spellings that would mean two things at once, compared as they are read (width, case and spaces folded). */
function spellingClashes(claims: readonly Claim[], key: (spelling: string) => string = spellingKey): Problem[] {
  const meaning = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { meaning: mine, spellings, path } of claims) {
    for (const spelling of new Set(spellings.filter(Boolean))) {
      const earlier = meaning.get(key(spelling));
      if (earlier !== undefined && earlier !== mine) problems.push({ path, message: `"${spelling}" already means ${earlier}; a spelling means one thing` });
      else meaning.set(key(spelling), mine);
    }
  }
  return problems;
}

const wordsOf = (label: Label, aliases: AliasesInput): string[] => [label.zh, label.en, ...(aliases?.zh ?? []), ...(aliases?.en ?? [])];
const UNKNOWN = 'unknown (unknownValues)';
const PLAIN_DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/** Whether a value is one a fact can hold, canonically written. */
function holds(fact: FactsFile['facts'][string], value: unknown): boolean {
  if (fact.type === 'boolean') return typeof value === 'boolean';
  if (fact.type === 'enum') return typeof value === 'string' && value in fact.values;
  return typeof value === 'number' && value >= fact.min && (fact.max === undefined || value <= fact.max) && (fact.type === 'number' || Number.isInteger(value));
}

/** An implication names a value of its fact, and other facts with values they can hold. */
function implicationProblems(file: FactsFile, name: string, fact: FactsFile['facts'][string]): Problem[] {
  const problems: Problem[] = [];
  for (const [when, implied] of Object.entries(fact.implies ?? {})) {
    const path = `facts.${name}.implies.${when}`;
    const values = fact.type === 'boolean' ? ['true', 'false'] : fact.type === 'enum' ? Object.keys(fact.values) : null;
    if (!values) problems.push({ path, message: 'only a yes/no fact or an enum can imply other facts' });
    else if (!values.includes(when)) problems.push({ path, message: `"${when}" is not a value of ${name}; expected one of ${values.join(', ')}` });
    for (const [other, value] of Object.entries(implied)) {
      const target = file.facts[other];
      if (other === name) problems.push({ path: `${path}.${other}`, message: 'a fact cannot imply itself' });
      else if (!target) problems.push({ path: `${path}.${other}`, message: 'no such fact' });
      else if (!holds(target, value)) problems.push({ path: `${path}.${other}`, message: `${JSON.stringify(value)} is not a value ${other} can hold` });
    }
  }
  return problems;
}

/** Checks a facts declaration's meaning: groups, answeredBy, ranges, spellings and implications. */
function meaningProblems(file: FactsFile): Problem[] {
  const problems: Problem[] = [];
  const types = file.facts.applicantType?.type === 'enum' ? Object.keys(file.facts.applicantType.values) : null;
  const bool = file.booleanValues;
  const unknown: Claim = { meaning: UNKNOWN, spellings: [...(file.unknownValues?.zh ?? []), ...(file.unknownValues?.en ?? [])], path: 'unknownValues' };
  problems.push(
    ...spellingClashes([
      unknown,
      { meaning: 'true', spellings: wordsOf(bool.true.label, bool.true.aliases), path: 'booleanValues.true' },
      { meaning: 'false', spellings: wordsOf(bool.false.label, bool.false.aliases), path: 'booleanValues.false' },
    ]),
  );
  // A fact's name, labels and aliases name it alone: as a profile key, a CSV header or in --set.
  problems.push(
    ...spellingClashes(
      Object.entries(file.facts).map(([name, fact]) => ({ meaning: `the fact ${name}`, spellings: factKeyNames({ name, label: fact.label, aliases: aliasesOf(fact.aliases) } as FactDef), path: `facts.${name}.label` })),
      headerKey,
    ),
  );
  for (const [name, fact] of Object.entries(file.facts)) {
    const at = (key: string, message: string) => problems.push({ path: `facts.${name}.${key}`, message });
    if (fact.group !== undefined && !(fact.group in file.groups)) at('group', `no group "${fact.group}"; groups: ${Object.keys(file.groups).join(', ')}`);
    if (types) for (const who of fact.answeredBy) if (!types.includes(who)) at('answeredBy', `"${who}" is not an applicant type; expected one of ${types.join(', ')}`);
    if (fact.type === 'enum') {
      const values = Object.entries(fact.values);
      if (values.length < 2) at('values', 'an enum needs at least two values');
      if (fact.mostlyNone && !('none' in fact.values)) at('mostlyNone', 'mostlyNone needs a value named none');
      const ambiguous = Object.entries(fact.ambiguous ?? {});
      for (const [spelling, candidates] of ambiguous) {
        for (const candidate of candidates) if (!(candidate in fact.values)) at(`ambiguous.${spelling}`, `"${candidate}" is not a value of ${name}; expected one of ${Object.keys(fact.values).join(', ')}`);
      }
      problems.push(
        ...spellingClashes([
          unknown,
          ...values.map(([value, words]) => ({ meaning: JSON.stringify(value), spellings: [value, ...wordsOf(words.label, words.aliases)], path: `facts.${name}.values.${value}` })),
          ...ambiguous.map(([spelling, candidates]) => ({ meaning: `one of ${candidates.join(', ')} (ambiguous)`, spellings: [spelling], path: `facts.${name}.ambiguous` })),
        ]),
      );
    }
    if (fact.type === 'number' || fact.type === 'integer') {
      if (fact.max !== undefined && fact.max < fact.min) at('max', `max ${fact.max} is below min ${fact.min}`);
      const units = Object.entries(fact.units ?? {});
      for (const [spelling, factor] of units) {
        if (typeof factor === 'number' && !PLAIN_DECIMAL.test(String(factor))) at(`units.${spelling}`, `${factor} is not a plain decimal; write it like 0.01 or 12, or as a fraction like 1/12`);
        if (/[0-9０-９.,]/.test(spelling)) at(`units.${spelling}`, 'a unit has no digits, points or commas: it is written after the number');
      }
      const own = fact.unit ? [{ meaning: 'the unit ×1', spellings: [fact.unit.zh, fact.unit.en], path: `facts.${name}.unit` }] : [];
      problems.push(...spellingClashes([...own, ...units.map(([spelling, factor]) => ({ meaning: `the unit ×${factor}`, spellings: [spelling], path: `facts.${name}.units.${spelling}` }))]));
    }
    problems.push(...implicationProblems(file, name, fact));
  }
  return problems;
}

/** Validates a facts declaration (the data of facts.yaml). Problems carry the dotted path of the offending key. */
export function parseFacts(input: unknown): Parsed<FactsDeclaration> {
  const result = factsFileSchema.safeParse(input);
  if (!result.success) {
    return { ok: false, problems: zodIssues(result.error).map(({ path, message }) => ({ path: path.map(String).join('.'), message })) };
  }
  const problems = meaningProblems(result.data);
  if (problems.length > 0) return { ok: false, problems };
  const file = result.data;
  return {
    ok: true,
    value: {
      booleanValues: {
        true: { label: file.booleanValues.true.label, aliases: aliasesOf(file.booleanValues.true.aliases) },
        false: { label: file.booleanValues.false.label, aliases: aliasesOf(file.booleanValues.false.aliases) },
      },
      unknownValues: aliasesOf(file.unknownValues),
      groups: Object.entries(file.groups).map(([name, label]) => ({ name, label })),
      facts: Object.entries(file.facts).map(([name, fact]) => factOf(name, fact)),
    },
  };
}
