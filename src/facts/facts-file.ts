import { msg, type Message } from '../util/messages/index.js';
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

const factName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, { error: 'schema.factName' });
const valueName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schema.valueName' });
const groupName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schema.groupName' });

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
      .record(z.string().trim().min(1), z.union([z.number().positive(), z.string().regex(/^[1-9][0-9]*\/[1-9][0-9]*$/, { error: 'schema.unitFactor' })]))
      .optional()
      .meta({ description: 'Other units accepted after a number, each with what one of it is in the stored unit: 年: 12 on a fact in months, "%": 0.01 on a fact from 0 to 1, 个月: 1/12 on a fact in years' }),
  })
  .strict();

const factSchema = z.discriminatedUnion('type', [booleanFactSchema, enumFactSchema, numberFactSchema], {
  error: 'schema.factType',
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

/** One meaning a spelling is claimed for: a value (true, "master"), "ambiguous", "unknown" or a unit; `said` names it for a person. */
interface Claim {
  meaning: string;
  said: Message;
  spellings: readonly string[];
  path: string;
}

/** Spellings that would mean two things at once, compared as they are read (width, case and spaces folded). */
function spellingClashes(claims: readonly Claim[], key: (spelling: string) => string = spellingKey): Problem[] {
  const meaning = new Map<string, Claim>();
  const problems: Problem[] = [];
  for (const claim of claims) {
    for (const spelling of new Set(claim.spellings.filter(Boolean))) {
      const earlier = meaning.get(key(spelling));
      if (earlier !== undefined && earlier.meaning !== claim.meaning) problems.push({ path: claim.path, message: msg('facts.spellingClash', { spelling, earlier: earlier.said }) });
      else meaning.set(key(spelling), claim);
    }
  }
  return problems;
}

const wordsOf = (label: Label, aliases: AliasesInput): string[] => [label.zh, label.en, ...(aliases?.zh ?? []), ...(aliases?.en ?? [])];
const UNKNOWN = 'unknown';
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
    if (!values) problems.push({ path, message: msg('facts.impliesWhich') });
    else if (!values.includes(when)) problems.push({ path, message: msg('facts.notValueOf', { value: when, fact: name, values }) });
    for (const [other, value] of Object.entries(implied)) {
      const target = file.facts[other];
      if (other === name) problems.push({ path: `${path}.${other}`, message: msg('facts.impliesItself') });
      else if (!target) problems.push({ path: `${path}.${other}`, message: msg('facts.noSuchFact') });
      else if (!holds(target, value)) problems.push({ path: `${path}.${other}`, message: msg('facts.impliesBadValue', { value: { zh: typeof value === 'string' ? `“${value}”` : String(value), en: JSON.stringify(value) }, fact: other }) });
    }
  }
  return problems;
}

/** Checks a facts declaration's meaning: groups, answeredBy, ranges, spellings and implications. */
function meaningProblems(file: FactsFile): Problem[] {
  const problems: Problem[] = [];
  const types = file.facts.applicantType?.type === 'enum' ? Object.keys(file.facts.applicantType.values) : null;
  const bool = file.booleanValues;
  const unknown: Claim = { meaning: UNKNOWN, said: msg('facts.meansUnknown'), spellings: [...(file.unknownValues?.zh ?? []), ...(file.unknownValues?.en ?? [])], path: 'unknownValues' };
  problems.push(
    ...spellingClashes([
      unknown,
      { meaning: 'true', said: msg('facts.meansBoolean', { value: 'true' }), spellings: wordsOf(bool.true.label, bool.true.aliases), path: 'booleanValues.true' },
      { meaning: 'false', said: msg('facts.meansBoolean', { value: 'false' }), spellings: wordsOf(bool.false.label, bool.false.aliases), path: 'booleanValues.false' },
    ]),
  );
  // A fact's name, labels and aliases name it alone: as a profile key, a CSV header or in --set.
  problems.push(
    ...spellingClashes(
      Object.entries(file.facts).map(([name, fact]) => ({ meaning: `fact ${name}`, said: msg('facts.meansFact', { fact: name }), spellings: factKeyNames({ name, label: fact.label, aliases: aliasesOf(fact.aliases) } as FactDef), path: `facts.${name}.label` })),
      headerKey,
    ),
  );
  for (const [name, fact] of Object.entries(file.facts)) {
    const at = (key: string, message: Message) => problems.push({ path: `facts.${name}.${key}`, message });
    if (fact.group !== undefined && !(fact.group in file.groups)) at('group', msg('facts.noGroup', { group: fact.group, groups: Object.keys(file.groups) }));
    if (types) for (const who of fact.answeredBy) if (!types.includes(who)) at('answeredBy', msg('facts.notApplicantType', { who, types }));
    if (fact.type === 'enum') {
      const values = Object.entries(fact.values);
      if (values.length < 2) at('values', msg('facts.enumTwoValues'));
      if (fact.mostlyNone && !('none' in fact.values)) at('mostlyNone', msg('facts.mostlyNoneNeedsNone'));
      const ambiguous = Object.entries(fact.ambiguous ?? {});
      for (const [spelling, candidates] of ambiguous) {
        for (const candidate of candidates) if (!(candidate in fact.values)) at(`ambiguous.${spelling}`, msg('facts.notValueOf', { value: candidate, fact: name, values: Object.keys(fact.values) }));
      }
      problems.push(
        ...spellingClashes([
          unknown,
          ...values.map(([value, words]) => ({ meaning: `value ${value}`, said: msg('facts.meansValue', { value }), spellings: [value, ...wordsOf(words.label, words.aliases)], path: `facts.${name}.values.${value}` })),
          ...ambiguous.map(([spelling, candidates]) => ({ meaning: `ambiguous ${candidates.join(' ')}`, said: msg('facts.meansAmbiguous', { candidates }), spellings: [spelling], path: `facts.${name}.ambiguous` })),
        ]),
      );
    }
    if (fact.type === 'number' || fact.type === 'integer') {
      if (fact.max !== undefined && fact.max < fact.min) at('max', msg('facts.maxBelowMin', { max: String(fact.max), min: String(fact.min) }));
      const units = Object.entries(fact.units ?? {});
      for (const [spelling, factor] of units) {
        if (typeof factor === 'number' && !PLAIN_DECIMAL.test(String(factor))) at(`units.${spelling}`, msg('facts.unitFactorNotDecimal', { factor: String(factor) }));
        if (/[0-9０-９.,]/.test(spelling)) at(`units.${spelling}`, msg('facts.unitHasDigits'));
      }
      const own = fact.unit ? [{ meaning: 'unit 1', said: msg('facts.meansUnit', { factor: '1' }), spellings: [fact.unit.zh, fact.unit.en], path: `facts.${name}.unit` }] : [];
      problems.push(...spellingClashes([...own, ...units.map(([spelling, factor]) => ({ meaning: `unit ${factor}`, said: msg('facts.meansUnit', { factor: String(factor) }), spellings: [spelling], path: `facts.${name}.units.${spelling}` }))]));
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
