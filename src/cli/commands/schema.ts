import { z } from 'zod';
import { casesSchema } from '../../cases/case-schema.js';
import { FACTS } from '../../facts/facts.js';
import { profileSchema } from '../../facts/profile-schema.js';
import { documentSchema, measureSchema } from '../../policy/schema.js';
import { renderJson } from '../../report/json.js';
import type { Io } from '../io.js';
import type { SchemaKind } from '../program.js';

type JsonSchema = Record<string, unknown>;

/** Each kind: its zod schema, which side of it an author writes, and the title of the published schema. */
const KINDS: Record<SchemaKind, { schema: z.ZodType; io: 'input' | 'output'; title: string }> = {
  'policy-measure': { schema: measureSchema, io: 'input', title: 'subsidy policy measure (policies/measures/*.yaml)' },
  'policy-document': { schema: documentSchema, io: 'input', title: 'subsidy policy document (policies/document.yaml)' },
  // Profiles accept labels (博士, 是) through a preprocess; the schema publishes the canonical values.
  profile: { schema: profileSchema, io: 'output', title: 'subsidy applicant profile' },
  cases: { schema: casesSchema, io: 'output', title: 'subsidy regression cases' },
};

/** Comparisons name a fact: offer the declared facts so that an editor completes and checks them. */
function withFactNames(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const properties = (node as JsonSchema).properties as Record<string, JsonSchema> | undefined;
  if (properties?.fact && properties.fact.type === 'string' && properties.is) {
    properties.fact = { ...properties.fact, enum: FACTS.map((def) => def.name) };
  }
  for (const value of Object.values(node)) withFactNames(value);
}

/** The JSON Schema of a kind of file, generated from the zod schema that validates it. */
export function jsonSchemaOf(kind: SchemaKind): JsonSchema {
  const { schema, io, title } = KINDS[kind];
  let generated = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  withFactNames(generated);
  // zod numbers recursive definitions (__schema0); the one recursive definition here is the condition tree.
  const defs = Object.keys((generated.$defs ?? {}) as JsonSchema);
  if (defs.length === 1 && defs[0]!.startsWith('__schema')) generated = JSON.parse(JSON.stringify(generated).replaceAll(`"${defs[0]}"`, '"condition"').replaceAll(`/${defs[0]}"`, '/condition"')) as JsonSchema;
  const { $schema, ...rest } = generated;
  return { $schema, title, ...rest };
}

export async function schema(kind: SchemaKind, io: Io): Promise<number> {
  io.stdout.write(renderJson(jsonSchemaOf(kind)));
  return 0;
}
