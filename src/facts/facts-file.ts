import { z } from 'zod';
import type { Parsed, Problem } from '../util/problems.js';
import { zodIssues } from '../util/zod-issues.js';
import type { Aliases, FactDef, FactsDeclaration, FactValue, Label } from './facts.js';

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
  })
  .strict();
const numberFactSchema = z
  .object({
    type: z.enum(['number', 'integer']).meta({ description: 'integer: whole numbers only' }),
    ...common,
    min: z.number(),
    max: z.number().optional(),
    unit: labelSchema.optional(),
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
      };
    }
    default:
      return {
        ...base,
        type: input.type,
        min: input.min,
        ...(input.max !== undefined ? { max: input.max } : {}),
        ...(input.unit ? { unit: input.unit } : {}),
      };
  }
}

/** Spellings that would mean two values at once, after folding case. */
function spellingClashes(words: readonly { value: FactValue; label: Label; aliases?: AliasesInput; path: string }[]): Problem[] {
  const meaning = new Map<string, FactValue>();
  const problems: Problem[] = [];
  for (const { value, label, aliases, path } of words) {
    for (const spelling of new Set([typeof value === 'string' ? value : '', label.zh, label.en, ...(aliases?.zh ?? []), ...(aliases?.en ?? [])].filter(Boolean))) {
      const key = spelling.toLowerCase();
      const earlier = meaning.get(key);
      if (earlier !== undefined && earlier !== value) problems.push({ path, message: `"${spelling}" already means ${JSON.stringify(earlier)}; a spelling means one value` });
      else meaning.set(key, value);
    }
  }
  return problems;
}

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
  problems.push(
    ...spellingClashes([
      { value: true, label: bool.true.label, aliases: bool.true.aliases, path: 'booleanValues.true' },
      { value: false, label: bool.false.label, aliases: bool.false.aliases, path: 'booleanValues.false' },
    ]),
  );
  for (const [name, fact] of Object.entries(file.facts)) {
    const at = (key: string, message: string) => problems.push({ path: `facts.${name}.${key}`, message });
    if (fact.group !== undefined && !(fact.group in file.groups)) at('group', `no group "${fact.group}"; groups: ${Object.keys(file.groups).join(', ')}`);
    if (types) for (const who of fact.answeredBy) if (!types.includes(who)) at('answeredBy', `"${who}" is not an applicant type; expected one of ${types.join(', ')}`);
    if (fact.type === 'enum') {
      const values = Object.entries(fact.values);
      if (values.length < 2) at('values', 'an enum needs at least two values');
      if (fact.mostlyNone && !('none' in fact.values)) at('mostlyNone', 'mostlyNone needs a value named none');
      problems.push(...spellingClashes(values.map(([value, words]) => ({ value, label: words.label, aliases: words.aliases, path: `facts.${name}.values.${value}` }))));
    }
    if ((fact.type === 'number' || fact.type === 'integer') && fact.max !== undefined && fact.max < fact.min) at('max', `max ${fact.max} is below min ${fact.min}`);
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
      groups: Object.entries(file.groups).map(([name, label]) => ({ name, label })),
      facts: Object.entries(file.facts).map(([name, fact]) => factOf(name, fact)),
    },
  };
}
