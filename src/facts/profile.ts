import { coerceFactValue, type Coerced } from './coerce.js';
import { describeAllowed, factNamed, factNames, type FactDef, type FactsDeclaration, type Profile } from './facts.js';
import { nearest } from '../util/suggest.js';
import { groupThousands } from '../util/decimal.js';
import { readInputText } from '../util/input-text.js';
import { LIMITS } from '../util/limits.js';
import { InputError, type Parsed, type Problem } from '../util/problems.js';
import { parseFlatYaml } from '../util/flat-yaml.js';

function unknownFactMessage(facts: FactsDeclaration, key: string): string {
  const suggestion = nearest(key, factNames(facts));
  return `unknown fact${suggestion ? `; did you mean "${suggestion}"?` : ''} (see "subsidy facts" for the list)`;
}

/** A value as a profile may hold it: canonical, or a string to coerce (a label, yes/no, 600,000); null is unknown. */
function profileValue(facts: FactsDeclaration, def: FactDef, raw: unknown): Coerced {
  if (raw === null || typeof raw === 'string') return coerceFactValue(facts, def, raw);
  const canonical = def.type === 'boolean' ? typeof raw === 'boolean' : def.type !== 'enum' && typeof raw === 'number';
  return canonical ? coerceFactValue(facts, def, raw) : { ok: false, message: `${JSON.stringify(raw)} is not allowed; expected ${describeAllowed(def)}` };
}

/** Unknown facts past this many are counted, not listed one by one. */
export const UNKNOWN_FACTS_SHOWN = 5;

/** Validates a profile (fact name → value). Values may be canonical values or their labels. Linear in its size. */
export function parseProfile(input: unknown, facts: FactsDeclaration): Parsed<Profile> {
  const data = input ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, problems: [{ path: '', message: 'a profile is a mapping from fact name to value' }] };
  const entries = data as Record<string, unknown>;
  const problems: Problem[] = [];
  const unknown = Object.keys(entries).filter((key) => !factNamed(facts, key));
  for (const key of unknown.slice(0, UNKNOWN_FACTS_SHOWN)) problems.push({ path: key, message: unknownFactMessage(facts, key) });
  // The facts in their declaration's order, as the profile is printed back.
  const profile: Record<string, Profile[string]> = {};
  for (const def of facts.facts) {
    if (!Object.hasOwn(entries, def.name)) continue;
    const value = profileValue(facts, def, entries[def.name]);
    if (!value.ok) problems.push({ path: def.name, message: value.message });
    else if (value.value !== undefined) profile[def.name] = value.value;
  }
  if (problems.length === 0) return { ok: true, value: profile };
  // Report in the order the facts were written, not the declaration's order.
  const position = new Map(Object.keys(entries).map((key, i) => [key, i]));
  const at = (problem: Problem) => position.get(problem.path) ?? -1;
  problems.sort((a, b) => at(a) - at(b));
  if (unknown.length > UNKNOWN_FACTS_SHOWN) {
    problems.unshift({ path: '', message: `${groupThousands(unknown.length)} unknown facts, first ${UNKNOWN_FACTS_SHOWN}:` });
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
      line: problem.path ? parsed.source.lineOf(problem.path.split('.')) : undefined,
    })),
  };
}

/** Reads a profile file (UTF-8, UTF-16 or GBK; at most LIMITS.profileBytes); a notice says when it was not UTF-8. */
export async function loadProfile(file: string, facts: FactsDeclaration, onNotice: (notice: Problem) => void = () => {}): Promise<Profile> {
  const { text, notice } = await readInputText(file, { maxBytes: LIMITS.profileBytes, what: 'profile' });
  if (notice) onNotice(notice);
  const result = await parseProfileText(text, file, facts);
  if (!result.ok) throw new InputError(result.problems);
  return result.value;
}
