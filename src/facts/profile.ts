import { coercedMessage, coerceFactValue, refusal, type Coerced } from './coerce.js';
import type { FactDef, FactsDeclaration, Profile } from './facts.js';
import { factCalled, factKeyNames, factKeysOf, headerKey, typoOf } from './spellings.js';
import { groupThousands } from '../util/decimal.js';
import { readInputText } from '../util/input-text.js';
import { LIMITS } from '../util/limits.js';
import { msg, type Message } from '../util/messages/index.js';
import { InputError, type Parsed, type Problem } from '../util/problems.js';
import { parseFlatYaml } from '../util/flat-yaml.js';

/** "unknown fact; did you mean …?": the nearest name, label or alias a plausible typo could have meant. */
export function unknownFactMessage(facts: FactsDeclaration, key: string): Message {
  const suggestion = typoOf(key, factKeysOf(facts).spellings);
  return suggestion ? msg('fact.unknownSuggest', { suggestion }) : msg('fact.unknown');
}

/** A value as a profile may hold it: canonical, or a string to coerce (a label, yes/no, 600,000); null is unknown. */
function profileValue(facts: FactsDeclaration, def: FactDef, raw: unknown): Coerced {
  if (raw === null || typeof raw === 'string') return coerceFactValue(facts, def, raw);
  const canonical = def.type === 'boolean' ? typeof raw === 'boolean' : def.type !== 'enum' && typeof raw === 'number';
  return canonical ? coerceFactValue(facts, def, raw) : refusal(def, raw);
}

/** Unknown facts past this many are counted, not listed one by one. */
export const UNKNOWN_FACTS_SHOWN = 5;

/** Keys in the order the fact's names are declared (name, zh label, en label, aliases), so that "first" is the same whatever the key order. */
function sortedBySpelling(def: FactDef, keys: readonly string[]): string[] {
  const names = factKeyNames(def);
  const rank = (key: string) => {
    const exact = names.indexOf(key);
    return exact >= 0 ? exact : names.findIndex((name) => headerKey(name) === headerKey(key));
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** A fact given under two names (学历 and degree): the message on the second. */
export const twiceMessage = (def: FactDef, first: string, second: string): Message => msg('facts.twice', { first, second, fact: def.name });

/**
 * Validates a profile (fact → value). Keys may be a fact's name or its zh/en label or alias, as CSV headers may
 * (case, width and spaces do not count); values its canonical values or any spelling the facts declare. Linear in
 * its size.
 */
export function parseProfile(input: unknown, facts: FactsDeclaration): Parsed<Profile> {
  const data = input ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, problems: [{ path: '', message: msg('profile.notMapping') }] };
  const entries = data as Record<string, unknown>;
  const problems: Problem[] = [];
  const unknown: string[] = [];
  /** Fact name → the keys that give it, as written. */
  const keysOf = new Map<string, string[]>();
  for (const key of Object.keys(entries)) {
    const def = factCalled(facts, key);
    if (!def) unknown.push(key);
    else keysOf.set(def.name, [...(keysOf.get(def.name) ?? []), key]);
  }
  /** Fact name → the one key that gives it; a fact given twice is reported on each key but the first. */
  const keyOf = new Map<string, string>();
  for (const [name, keys] of keysOf) {
    const def = factCalled(facts, name)!;
    const ordered = keys.length === 1 ? keys : sortedBySpelling(def, keys);
    keyOf.set(name, ordered[0]!);
    for (const key of ordered.slice(1)) problems.push({ path: key, message: twiceMessage(def, ordered[0]!, key) });
  }
  for (const key of unknown.slice(0, UNKNOWN_FACTS_SHOWN)) problems.push({ path: key, message: unknownFactMessage(facts, key) });
  // The facts in their declaration's order, as the profile is printed back.
  const profile: Record<string, Profile[string]> = {};
  for (const def of facts.facts) {
    const key = keyOf.get(def.name);
    if (key === undefined) continue;
    const value = profileValue(facts, def, entries[key]);
    if (!value.ok) problems.push({ path: key, message: coercedMessage(value) });
    else if (value.value !== undefined) profile[def.name] = value.value;
  }
  if (problems.length === 0) return { ok: true, value: profile };
  // Report in the order the facts were written, not the declaration's order.
  const position = new Map(Object.keys(entries).map((key, i) => [key, i]));
  const at = (problem: Problem) => position.get(problem.path) ?? -1;
  problems.sort((a, b) => at(a) - at(b));
  if (unknown.length > UNKNOWN_FACTS_SHOWN) {
    problems.unshift({ path: '', message: msg('fact.unknownMany', { count: groupThousands(unknown.length), shown: UNKNOWN_FACTS_SHOWN }) });
  }
  return { ok: false, problems };
}

/**
 * Parses profile text (YAML or JSON), locating each problem on its line. A profile of plain `name: value` lines is
 * read without loading the YAML parser (parseFlatYaml: the same data and lines); anything else goes through it.
 */
export async function parseProfileText(text: string, file: string, facts: FactsDeclaration): Promise<Parsed<Profile>> {
  const flat = parseFlatYaml(text);
  const parsed = flat ? { ok: true as const, source: flat } : (await import('../util/yaml-source.js')).parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const result = parseProfile(parsed.source.data, facts);
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((problem) => ({
      ...problem,
      file,
      // A profile is flat: a problem's path is the key as written (which may hold a dot).
      line: problem.path ? parsed.source.lineOf([problem.path]) : undefined,
    })),
  };
}

/** Reads a profile file (UTF-8, UTF-16 or GBK; at most LIMITS.profileBytes); a notice says when it was not UTF-8. */
export async function loadProfile(file: string, facts: FactsDeclaration, onNotice: (notice: Problem) => void = () => {}): Promise<Profile> {
  const { text, notice } = await readInputText(file, { maxBytes: LIMITS.profileBytes, what: msg('what.profile') });
  if (notice) onNotice(notice);
  const result = await parseProfileText(text, file, facts);
  if (!result.ok) throw new InputError(result.problems);
  return result.value;
}
