import { nearest } from '../util/suggest.js';
import { valueSpellings, type FactDef, type FactsDeclaration, type FactValue, type UnitSpelling } from './facts.js';

/**
 * How what people type is matched against the facts declaration: the one rule for fact names (profile keys, CSV
 * headers, `--set`) and the one table of value spellings (profiles, CSV cells, `--set`, `ask`), both built from
 * facts.yaml once per declaration.
 */

const WIDE = /[\uff01-\uff5e\u3000]/g;

/** Full-width ASCII forms (Ａ, １２, ％, ，, （）) and the ideographic space, as their ASCII counterparts. */
export function foldWidth(text: string): string {
  return text.replace(WIDE, (char) => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

/**
 * How a value's spelling is compared: width (Ｙ, １) and case do not count, nor spaces around it or how many stand
 * between words (a line break inside a cell is a space: "mas\nter" is not master).
 */
export function spellingKey(text: string): string {
  return foldWidth(text).toLowerCase().trim().replace(/\s+/g, ' ');
}

/** How a fact's name is compared (a profile key, a CSV header, `--set`): NFKC folds full-width forms; case and spaces do not count. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The names a fact may be called by: its name, its zh and en labels, and its declared aliases. */
export function factKeyNames(def: FactDef): string[] {
  return [def.name, def.label.zh, def.label.en, ...(def.aliases?.zh ?? []), ...(def.aliases?.en ?? [])];
}

interface FactKeys {
  /** Every accepted name of a fact, as its headerKey → the fact. */
  byKey: ReadonlyMap<string, FactDef>;
  /** Every name as declared, for suggestions. */
  spellings: readonly string[];
}

const factKeys = new WeakMap<FactsDeclaration, FactKeys>();

/** The names of a declaration's facts, built once per declaration. */
export function factKeysOf(facts: FactsDeclaration): FactKeys {
  let found = factKeys.get(facts);
  if (!found) {
    const byKey = new Map<string, FactDef>();
    for (const def of facts.facts) for (const name of factKeyNames(def)) if (!byKey.has(headerKey(name))) byKey.set(headerKey(name), def);
    found = { byKey, spellings: facts.facts.flatMap(factKeyNames) };
    factKeys.set(facts, found);
  }
  return found;
}

/** The fact a profile key, CSV header or `--set` name names: its name or a label or alias, in any case or width. */
export function factCalled(facts: FactsDeclaration, name: string): FactDef | undefined {
  return factKeysOf(facts).byKey.get(headerKey(name));
}

/** Two edits turn any short Chinese name into another (姓名 → 学历): for short names, only one changed character counts. */
function plausibleTypo(name: string, suggestion: string): boolean {
  if (name.length >= 5) return true;
  if (name.length !== suggestion.length) return false;
  let differences = 0;
  for (let i = 0; i < name.length; i++) if (name[i]!.toLowerCase() !== suggestion[i]!.toLowerCase()) differences++;
  return differences <= 1;
}

/** Longer names get no "did you mean": the edit distance grows with the square of the length. */
const HINT_MAX_CHARS = 40;

/** The declared name a mistyped one most plausibly meant, if any. */
export function typoOf(name: string, spellings: readonly string[]): string | undefined {
  const suggestion = name.length <= HINT_MAX_CHARS ? nearest(name, spellings) : undefined;
  return suggestion && plausibleTypo(name, suggestion) ? suggestion : undefined;
}

/** A unit after a number, keyed as spellings are, with its conversion. */
export interface UnitKey extends UnitSpelling {
  key: string;
}

/** What one fact's cells may say, as spelling keys: its values, its ambiguous spellings, unknown, and its units. */
export interface ValueTable {
  values: ReadonlyMap<string, FactValue>;
  /** Spelling key → the spelling as declared and the values it could mean. */
  ambiguous: ReadonlyMap<string, { spelling: string; candidates: readonly string[] }>;
  unknown: ReadonlySet<string>;
  /**
   * Shortest first: a Chinese numeral reads as far as it goes (一亿零五万元 is 一亿零五万 元, not 一亿零五 万元), and a
   * shorter unit that leaves no number before it (6 万元: 元 leaves "6 万") gives way to a longer one (万元 leaves 6).
   */
  units: readonly UnitKey[];
}

/** The units a number fact takes after a number: its own unit's labels (factor 1), then the declared others. */
export function unitSpellings(def: FactDef): UnitSpelling[] {
  if (def.type !== 'number' && def.type !== 'integer') return [];
  const own = def.unit ? [def.unit.zh, def.unit.en].map((spelling) => ({ spelling, times: '1', per: 1 })) : [];
  return [...own, ...(def.units ?? [])];
}

/** The spellings meaning "unknown", as declared. */
export const unknownSpellings = (facts: FactsDeclaration): string[] => [...facts.unknownValues.zh, ...facts.unknownValues.en];

const tables = new WeakMap<FactDef, ValueTable>();

/** The spelling table of a fact, built once per fact (a fact belongs to one declaration). */
export function valueTableOf(facts: FactsDeclaration, def: FactDef): ValueTable {
  let table = tables.get(def);
  if (!table) {
    const values = new Map<string, FactValue>();
    for (const [spelling, value] of valueSpellings(facts, def)) if (!values.has(spellingKey(spelling))) values.set(spellingKey(spelling), value);
    const ambiguous = new Map(Object.entries(def.type === 'enum' ? (def.ambiguous ?? {}) : {}).map(([spelling, candidates]) => [spellingKey(spelling), { spelling, candidates }]));
    const units = unitSpellings(def)
      .map((unit) => ({ ...unit, key: spellingKey(unit.spelling) }))
      .sort((a, b) => a.key.length - b.key.length);
    table = { values, ambiguous, unknown: new Set(unknownSpellings(facts).map(spellingKey)), units };
    tables.set(def, table);
  }
  return table;
}
