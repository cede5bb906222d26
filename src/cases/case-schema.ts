import { msg } from '../util/messages/index.js';
import { issueMessage } from '../util/zod-issues.js';
import { z } from 'zod';
import type { FactsDeclaration, Profile } from '../facts/facts.js';
import { parseProfile } from '../facts/profile.js';
import { profileSchemaOf } from '../facts/profile-schema.js';
import type { Parsed, Problem } from '../util/problems.js';
import { isoDateSchema } from '../util/date-schema.js';
import { nearest } from '../util/suggest.js';

const isoDate = isoDateSchema;

const itemIds = z.array(z.string().min(1)).meta({ description: 'Item ids, e.g. m14-graduate-hiring-subsidy' });

export const expectationSchema = z
  .object({
    eligible: itemIds.optional().meta({ description: 'Items the case must be eligible for' }),
    ineligible: itemIds.optional().meta({ description: 'Items the case must not get' }),
    undetermined: itemIds.optional().meta({ description: 'Items the facts given must leave open' }),
    estimates: z
      .record(z.string(), z.number().nonnegative().nullable())
      .optional()
      .meta({ description: 'Item id → estimated yuan for an eligible item; null when no estimate can be made' }),
    total: z.number().nonnegative().optional().meta({ description: 'The total of computable estimates, in yuan' }),
  })
  .strict()
  .meta({ description: 'Partial expectations: only the items listed are checked' });

function caseSchemaWith(profile: z.ZodType) {
  return z
    .object({
      name: z.string().min(1).meta({ description: 'Unique within its file; shown in reports' }),
      description: z.string().optional(),
      asOf: isoDate.meta({ description: 'The date the case is judged at, YYYY-MM-DD' }),
      params: z.record(z.string(), z.number()).optional().meta({ description: 'Local parameters (see document.yaml params)' }),
      readings: z.record(z.string(), z.string()).optional().meta({ description: 'Readings put in force for this case, id: option (see `subsidy readings`); the others at their defaults' }),
      profile: profile.meta({ description: "The applicant's facts (see `subsidy facts`)" }),
      expect: expectationSchema,
    })
    .strict();
}

/** The case file format, profile included: what `subsidy schema cases` publishes for these facts. */
export function casesSchemaOf(facts: FactsDeclaration) {
  return z
    .array(caseSchemaWith(profileSchemaOf(facts)))
    .meta({ title: 'subsidy regression cases', description: 'A list of cases: a profile, a date and the results expected' });
}

/** The same shape, with the profile left to parseProfile so that its problems read like a profile's. */
const casesInputSchema = z.array(caseSchemaWith(z.record(z.string(), z.unknown())), { error: 'schema.caseList' });

export type ItemStatus = 'eligible' | 'ineligible' | 'undetermined';
export const STATUSES: readonly ItemStatus[] = ['eligible', 'ineligible', 'undetermined'];

export interface Expectation {
  eligible?: string[];
  ineligible?: string[];
  undetermined?: string[];
  estimates?: Record<string, number | null>;
  total?: number;
}

export interface Case {
  name: string;
  description?: string;
  asOf: string;
  params: Record<string, number>;
  /** The readings the case puts in force (id → option); the others are their defaults. */
  readings: Record<string, string>;
  profile: Profile;
  expect: Expectation;
}

/** Validates a case file's data: every key known, dates real, each profile a valid profile, names unique. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), input);
}

/** Profile problems of every case that has a profile mapping, located under the case. */
function profileProblems(input: unknown, facts: FactsDeclaration): { problems: Problem[]; profiles: (Profile | null)[] } {
  const problems: Problem[] = [];
  const profiles = (Array.isArray(input) ? input : []).map((entry: unknown, index) => {
    const raw = valueAt(entry, ['profile']);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
    const profile = parseProfile(raw, facts);
    if (profile.ok) return profile.value;
    problems.push(...profile.problems.map((p) => ({ ...p, path: [index, 'profile', p.path].filter((s) => s !== '').join('.') })));
    return null;
  });
  return { problems, profiles };
}

/** Validates a case file's data: every key known, dates real, each profile a valid profile, names unique. */
export function parseCases(input: unknown, facts: FactsDeclaration): Parsed<Case[]> {
  if (input === null || input === undefined) return { ok: false, problems: [{ path: '', message: msg('cases.empty') }] };
  const result = casesInputSchema.safeParse(input);
  const { problems, profiles } = profileProblems(input, facts);
  if (!result.success) {
    const schemaProblems = result.error.issues.flatMap((issue) => {
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      return paths.map((path) => {
        if (issue.code !== 'unrecognized_keys') {
          const missing = issue.code === 'invalid_type' && path.length > 0 && valueAt(input, path) === undefined;
          return { path: path.join('.'), message: missing ? msg('cases.missing') : issueMessage(issue) };
        }
        const allowed = Object.keys(issue.path.at(-1) === 'expect' ? expectationSchema.shape : casesInputSchema.element.shape);
        const suggestion = nearest(String(path.at(-1)), allowed);
        return { path: path.join('.'), message: suggestion ? msg('cases.unknownKeySuggest', { suggestion, allowed: allowed.join(', ') }) : msg('cases.unknownKey', { allowed: allowed.join(', ') }) };
      });
    });
    return { ok: false, problems: [...schemaProblems, ...problems] };
  }
  const seen = new Map<string, number>();
  const cases = result.data.map((raw, index): Case => {
    const earlier = seen.get(raw.name);
    if (earlier !== undefined) problems.push({ path: `${index}.name`, message: msg('cases.nameTwice', { name: raw.name, earlier: earlier + 1 }) });
    seen.set(raw.name, index);
    return {
      name: raw.name,
      ...(raw.description !== undefined ? { description: raw.description } : {}),
      asOf: raw.asOf,
      params: raw.params ?? {},
      readings: raw.readings ?? {},
      profile: profiles[index] ?? {},
      expect: raw.expect,
    };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: cases };
}
