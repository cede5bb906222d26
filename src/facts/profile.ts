import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { coerceFactValue } from './coerce.js';
import { describeAllowed, FACT_BY_NAME, FACTS, type FactDef, type Profile } from './facts.js';
import { nearest } from '../util/suggest.js';
import { inputError, InputError, type Parsed, type Problem } from '../util/problems.js';
import { parseYaml } from '../util/yaml-source.js';

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
function lenient(def: FactDef): z.ZodType {
  return z.preprocess((raw) => {
    if (raw === null) return undefined;
    if (typeof raw !== 'string') return raw;
    const coerced = coerceFactValue(def, raw);
    return coerced.ok ? coerced.value : raw;
  }, canonicalSchema(def).optional());
}

export const profileSchema = z
  .object(Object.fromEntries(FACTS.map((def) => [def.name, lenient(def).meta({ description: def.help.en, title: def.label.en })])))
  .strict();

function unknownFactMessage(key: string): string {
  const suggestion = nearest(key, FACT_BY_NAME.keys());
  return `unknown fact${suggestion ? `; did you mean "${suggestion}"?` : ''} (see "subsidy facts" for the list)`;
}

/** Validates a profile (fact name → value). Values may be canonical values or their labels. */
export function parseProfile(input: unknown): Parsed<Profile> {
  const result = profileSchema.safeParse(input ?? {});
  if (result.success) {
    const profile: Record<string, Profile[string]> = {};
    for (const [key, value] of Object.entries(result.data)) if (value !== undefined) profile[key] = value as Profile[string];
    return { ok: true, value: profile };
  }
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: [...issue.path, key].join('.'), message: unknownFactMessage(key) });
    } else if (issue.path.length === 0) {
      problems.push({ path: '', message: 'a profile is a mapping from fact name to value' });
    } else {
      const value = (input as Record<string, unknown>)[String(issue.path[0])];
      problems.push({ path: issue.path.join('.'), message: `${JSON.stringify(value)} is not allowed; ${issue.message}` });
    }
  }
  // Report in the order the facts were written, not the declaration's order.
  const order = input !== null && typeof input === 'object' ? Object.keys(input) : [];
  const position = (problem: Problem) => order.indexOf(problem.path.split('.')[0]!);
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
