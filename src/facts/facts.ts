import { joinList, msg, render, type Message } from '../util/messages/index.js';
/**
 * The applicant's facts: types and functions over a facts declaration. The declaration itself is data, in the policy
 * folder's facts.yaml (see facts-file.ts); it drives profile validation, value spellings, the questionnaire, CSV
 * header matching, the JSON Schema of profiles and the README's facts table.
 */

export interface Label {
  zh: string;
  en: string;
}

/** Other spellings accepted for a value or a column, beside its name and labels; compared without regard to case. */
export interface Aliases {
  zh: readonly string[];
  en: readonly string[];
}

interface FactBase {
  name: string;
  label: Label;
  help: Label;
  /** The applicant types that can answer it (values of applicantType); always set in a parsed declaration. */
  answeredBy?: readonly string[];
  /** Whether an applicant can realistically change this fact (used by what-if suggestions). */
  changeable: boolean;
  /** The questionnaire checklist's topic (a name of the declaration's groups), for tickable facts. */
  group?: string;
  /** Extra header names accepted in CSV files, beyond the name and the zh/en labels. */
  aliases?: Aliases;
  /**
   * What an answer says about other facts: value (as text: "true", an enum value) → those facts' values. The
   * questionnaire takes them as answered (a graduate of the current year has 0 years since graduation).
   */
  implies?: Readonly<Record<string, Readonly<Record<string, FactValue>>>>;
}

export interface EnumFact extends FactBase {
  type: 'enum';
  values: readonly string[];
  valueLabels: Readonly<Record<string, Label>>;
  /** Other spellings of each value, beside the value and its labels. */
  valueAliases?: Readonly<Record<string, Aliases>>;
  /** Nearly everyone's answer is "none": the questionnaire offers the other values as ticks in its checklist. */
  mostlyNone?: boolean;
  /** Spellings that fit more than one value (研究生: master or doctorate): refused, naming the candidates. */
  ambiguous?: Readonly<Record<string, readonly string[]>>;
}

export interface BooleanFact extends FactBase {
  type: 'boolean';
}

export interface NumberFact extends FactBase {
  type: 'number' | 'integer';
  min: number;
  max?: number;
  /** The unit the value is stored in, as shown beside it; its labels are also accepted after a number (factor 1). */
  unit?: Label;
  /** Other units accepted after a number, each with what one of it is in the stored unit. */
  units?: readonly UnitSpelling[];
}

/**
 * A unit written after a number (`6个月`, `60%`) and its conversion to the stored unit: the written number times
 * `times` (a plain decimal, e.g. "0.01" for % on a 0–1 fact), divided by `per` (12 for months on a fact in years).
 */
export interface UnitSpelling {
  spelling: string;
  times: string;
  per: number;
}

export type FactDef = EnumFact | BooleanFact | NumberFact;

/** The facts an answer implies (see FactBase.implies) that the profile does not hold yet, added to it. */
export function withImplied(facts: FactsDeclaration, profile: Profile): Profile {
  let result = profile;
  // An implied fact may imply more: go on until nothing is added (each round adds a fact, so it ends).
  for (let added = true; added; ) {
    added = false;
    for (const [name, value] of Object.entries(result)) {
      const implied = factNamed(facts, name)?.implies?.[String(value)];
      for (const [fact, impliedValue] of Object.entries(implied ?? {})) {
        if (result[fact] !== undefined) continue;
        result = { ...result, [fact]: impliedValue };
        added = true;
      }
    }
  }
  return result;
}
export type FactValue = string | number | boolean;
/** A profile: fact name → value. A fact that is absent is unknown, never false. */
export type Profile = Readonly<Record<string, FactValue>>;

/** How yes and no are written, for every yes/no fact. */
export interface ValueWords {
  label: Label;
  aliases: Aliases;
}

export interface QuestionGroup {
  name: string;
  label: Label;
}

/** Every fact a profile can hold, in declaration order, with the words for yes/no and the checklist's topics. Plain data. */
export interface FactsDeclaration {
  booleanValues: { true: ValueWords; false: ValueWords };
  /** Spellings that mean "unknown" for every fact (不知道): read as a blank. */
  unknownValues: Aliases;
  groups: readonly QuestionGroup[];
  facts: readonly FactDef[];
}

interface FactsIndex {
  byName: ReadonlyMap<string, FactDef>;
  order: ReadonlyMap<string, number>;
  groups: ReadonlyMap<string, { index: number; label: Label }>;
}

const indexes = new WeakMap<FactsDeclaration, FactsIndex>();

function indexOf(facts: FactsDeclaration): FactsIndex {
  let index = indexes.get(facts);
  if (!index) {
    index = {
      byName: new Map(facts.facts.map((def) => [def.name, def])),
      order: new Map(facts.facts.map((def, i) => [def.name, i])),
      groups: new Map(facts.groups.map((group, i) => [group.name, { index: i, label: group.label }])),
    };
    indexes.set(facts, index);
  }
  return index;
}

/** The declared fact of this name, if any. */
export function factNamed(facts: FactsDeclaration, name: string): FactDef | undefined {
  return indexOf(facts).byName.get(name);
}

/** The declared names, in declaration order. */
export function factNames(facts: FactsDeclaration): IterableIterator<string> {
  return indexOf(facts).byName.keys();
}

/** The position of a fact in the declaration (for stable orders); Infinity when it is not declared. */
export function declarationOrder(facts: FactsDeclaration, name: string): number {
  return indexOf(facts).order.get(name) ?? Infinity;
}

/** The checklist topic of a fact: its position among the groups and its label; null when it has none. */
export function groupOf(facts: FactsDeclaration, name: string): { index: number; label: Label } | null {
  const group = factNamed(facts, name)?.group;
  return (group !== undefined && indexOf(facts).groups.get(group)) || null;
}

export function factLabel(facts: FactsDeclaration, name: string, lang: keyof Label): string {
  return factNamed(facts, name)?.label[lang] ?? name;
}

export function valueLabel(facts: FactsDeclaration, name: string, value: unknown, lang: keyof Label): string {
  const def = factNamed(facts, name);
  if (def?.type === 'enum' && typeof value === 'string') return def.valueLabels[value]?.[lang] ?? value;
  if (def?.type === 'boolean' && typeof value === 'boolean') return facts.booleanValues[value ? 'true' : 'false'].label[lang];
  return String(value);
}

const spellingCache = new WeakMap<FactDef, readonly (readonly [string, FactValue])[]>();

/**
 * Every spelling of an enum's or a yes/no fact's values, as written in the declaration, with the value it means:
 * for an enum, per value its zh label, the value, its en label and its aliases; for a yes/no fact, the labels of
 * yes and no, then their aliases. Empty for a number. Where two values share a spelling, the first one has it.
 */
export function valueSpellings(facts: FactsDeclaration, def: FactDef): readonly (readonly [string, FactValue])[] {
  let spellings = spellingCache.get(def);
  if (spellings) return spellings;
  const out: [string, FactValue][] = [];
  if (def.type === 'enum') {
    for (const value of def.values) {
      const label = def.valueLabels[value]!;
      const aliases = def.valueAliases?.[value];
      for (const spelling of [label.zh, value, label.en, ...(aliases?.zh ?? []), ...(aliases?.en ?? [])]) out.push([spelling, value]);
    }
  } else if (def.type === 'boolean') {
    const { true: yes, false: no } = facts.booleanValues;
    out.push([yes.label.zh, true], [no.label.zh, false], [yes.label.en, true], [no.label.en, false]);
    for (const lang of ['en', 'zh'] as const) {
      for (const spelling of yes.aliases[lang]) out.push([spelling, true]);
      for (const spelling of no.aliases[lang]) out.push([spelling, false]);
    }
  }
  spellings = out;
  spellingCache.set(def, spellings);
  return spellings;
}

/** What a fact accepts, as a message: in Chinese with the values' Chinese labels (which input accepts too). */
export function allowedMessage(def: FactDef): Message {
  switch (def.type) {
    case 'enum':
      return msg('allowed.enum', { values: { zh: joinList(def.values.map((value) => def.valueLabels[value]?.zh ?? value), 'zh'), en: joinList(def.values, 'en') } });
    case 'boolean':
      return msg('allowed.boolean');
    case 'integer':
    case 'number': {
      const range = { min: String(def.min), ...(def.max === undefined ? {} : { max: String(def.max) }) };
      if (def.type === 'integer') return msg(def.max === undefined ? 'allowed.integerFrom' : 'allowed.integerRange', range);
      return msg(def.max === undefined ? 'allowed.numberFrom' : 'allowed.numberRange', range);
    }
  }
}

/** A value a fact does not accept, and what it does. */
export function notAllowed(def: FactDef, raw: unknown): Message {
  return msg('value.notAllowed', { value: JSON.stringify(raw) ?? String(raw), expected: allowedMessage(def) });
}

/** What a fact accepts, in English words: used in error messages and the README. */
export function describeAllowed(def: FactDef): string {
  return render(allowedMessage(def), 'en');
}

