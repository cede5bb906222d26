import { z } from 'zod';
import { casesSchemaOf } from '../../cases/case-schema.js';
import { factsFileSchema } from '../../facts/facts-file.js';
import type { FactsDeclaration } from '../../facts/facts.js';
import { profileSchemaOf } from '../../facts/profile-schema.js';
import { loadFacts } from '../../policy/load.js';
import { documentSchema, measureSchema } from '../../policy/schema.js';
import { readingsFileSchema } from '../../policy/readings-file.js';
import { renderJson } from '../../report/json.js';
import { pathIn, type Io } from '../io.js';
import type { SchemaKind } from '../program.js';

type JsonSchema = Record<string, unknown>;

/** Each kind: its zod schema (profiles and cases hold the declared facts), which side of it an author writes, and the title of the published schema. */
const KINDS: Record<SchemaKind, { schema: (facts: FactsDeclaration) => z.ZodType; io: 'input' | 'output'; title: string }> = {
  'policy-measure': { schema: () => measureSchema, io: 'input', title: 'subsidy policy measure (policies/measures/*.yaml)' },
  'policy-document': { schema: () => documentSchema, io: 'input', title: 'subsidy policy document (policies/document.yaml)' },
  facts: { schema: () => factsFileSchema, io: 'input', title: 'subsidy facts (policies/facts.yaml)' },
  readings: { schema: () => readingsFileSchema, io: 'input', title: 'subsidy readings (policies/readings.yaml)' },
  // Profiles (and the profiles of cases) are published as written: facts under their labels, values in any declared spelling.
  profile: { schema: profileSchemaOf, io: 'input', title: 'subsidy applicant profile' },
  cases: { schema: casesSchemaOf, io: 'input', title: 'subsidy regression cases' },
};

/** Comparisons name a fact: offer the declared facts so that an editor completes and checks them. */
function withFactNames(node: unknown, facts: FactsDeclaration): void {
  if (!node || typeof node !== 'object') return;
  const properties = (node as JsonSchema).properties as Record<string, JsonSchema> | undefined;
  if (properties?.fact && properties.fact.type === 'string' && properties.is) {
    properties.fact = { ...properties.fact, enum: facts.facts.map((def) => def.name) };
  }
  for (const value of Object.values(node)) withFactNames(value, facts);
}

/** The JSON Schema of a kind of file under these facts, generated from the zod schema that validates it. */
export function jsonSchemaOf(kind: SchemaKind, facts: FactsDeclaration): JsonSchema {
  const { schema, io, title } = KINDS[kind];
  let generated = z.toJSONSchema(schema(facts), { io, unrepresentable: 'any' }) as JsonSchema;
  withFactNames(generated, facts);
  // zod numbers recursive definitions (__schema0); the one recursive definition here is the condition tree.
  const defs = Object.keys((generated.$defs ?? {}) as JsonSchema);
  if (defs.length === 1 && defs[0]!.startsWith('__schema')) generated = JSON.parse(JSON.stringify(generated).replaceAll(`"${defs[0]}"`, '"condition"').replaceAll(`/${defs[0]}"`, '/condition"')) as JsonSchema;
  const { $schema, ...rest } = generated;
  return { $schema, title, ...rest };
}

export async function schema(kind: SchemaKind, options: { policies: string }, io: Io): Promise<number> {
  const facts = await loadFacts(pathIn(io, options.policies), io.cwd);
  io.stdout.write(renderJson(jsonSchemaOf(kind, facts)));
  return 0;
}
