import { readFile } from 'node:fs/promises';
import { coerceFactValue, type Coerced } from './coerce.js';
import { describeAllowed, FACT_BY_NAME, FACTS, type FactDef, type Profile } from './facts.js';
import { nearest } from '../util/suggest.js';
import { inputError, InputError, type Parsed, type Problem } from '../util/problems.js';
import { parseYaml } from '../util/yaml-source.js';

function unknownFactMessage(key: string): string {
  const suggestion = nearest(key, FACT_BY_NAME.keys());
  return `unknown fact${suggestion ? `; did you mean "${suggestion}"?` : ''} (see "subsidy facts" for the list)`;
}

/** A value as a profile may hold it: canonical, or a string to coerce (a label, yes/no, 600,000); null is unknown. */
function profileValue(def: FactDef, raw: unknown): Coerced {
  if (raw === null || typeof raw === 'string') return coerceFactValue(def, raw);
  const canonical = def.type === 'boolean' ? typeof raw === 'boolean' : def.type !== 'enum' && typeof raw === 'number';
  return canonical ? coerceFactValue(def, raw) : { ok: false, message: `${JSON.stringify(raw)} is not allowed; expected ${describeAllowed(def)}` };
}

/** Validates a profile (fact name → value). Values may be canonical values or their labels. */
export function parseProfile(input: unknown): Parsed<Profile> {
  const data = input ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, problems: [{ path: '', message: 'a profile is a mapping from fact name to value' }] };
  const entries = data as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(entries)) if (!FACT_BY_NAME.has(key)) problems.push({ path: key, message: unknownFactMessage(key) });
  // The facts in their declaration's order, as the profile is printed back.
  const profile: Record<string, Profile[string]> = {};
  for (const def of FACTS) {
    if (!Object.hasOwn(entries, def.name)) continue;
    const value = profileValue(def, entries[def.name]);
    if (!value.ok) problems.push({ path: def.name, message: value.message });
    else if (value.value !== undefined) profile[def.name] = value.value;
  }
  if (problems.length === 0) return { ok: true, value: profile };
  // Report in the order the facts were written, not the declaration's order.
  const order = Object.keys(entries);
  const position = (problem: Problem) => order.indexOf(problem.path);
  return { ok: false, problems: problems.sort((a, b) => position(a) - position(b)) };
}

/** Parses profile text (YAML or JSON), locating each problem on its line. */
export function parseProfileText(text: string, file: string): Parsed<Profile> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const result = parseProfile(parsed.source.data);
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

export async function loadProfile(file: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw inputError(`cannot read profile: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, file);
  }
  const result = parseProfileText(text, file);
  if (!result.ok) throw new InputError(result.problems);
  return result.value;
}
