import { z } from 'zod';
import { labelSchema } from '../facts/facts-file.js';
import { LIMITS } from '../util/limits.js';
import type { Parsed, Problem } from '../util/problems.js';
import { zodIssues } from '../util/zod-issues.js';
import type { ReadingDef } from './readings.js';

/** The format of readings.yaml: the zod schema that validates it and that `subsidy schema readings` publishes. */

const kebab = (what: string, example: string) => z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: `expected a kebab-case ${what}, e.g. ${example}` });

const readingSchema = z
  .object({
    measure: z.number().int().min(1).max(LIMITS.measures, { error: `at most ${LIMITS.measures}` }).meta({ description: 'The measure whose clause it reads' }),
    clause: z.string().min(1).meta({ description: 'The words of the clause, verbatim from the source text' }),
    question: labelSchema.meta({ description: 'The question the reading answers' }),
    options: z
      .record(kebab('option id', 'any-size'), z.object({ label: labelSchema }).strict())
      .refine((options) => Object.keys(options).length >= 2, { error: 'a reading has two or more options' })
      .meta({ description: 'The readings the clause admits, in order' }),
    default: kebab('option id', 'any-size').meta({ description: 'The option in force unless a run chooses another (--reading ID=OPTION)' }),
    rationale: labelSchema.meta({ description: 'Why the default: how the text reads, in its own words' }),
  })
  .strict()
  .superRefine((reading, ctx) => {
    if (!Object.hasOwn(reading.options, reading.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: `"${reading.default}" is not one of its options: ${Object.keys(reading.options).join(', ')}` });
    }
  });

export const readingsFileSchema = z
  .object({
    $schema: z.string().optional(),
    readings: z.record(kebab('reading id', 'm14-6000-employer-size'), readingSchema).meta({ description: 'Every reading a condition may test, by id' }),
  })
  .strict()
  .meta({ title: 'subsidy readings (policies/readings.yaml)' });

/** Validates readings.yaml's data: the readings in file order, options in order. */
export function parseReadings(input: unknown): Parsed<ReadingDef[]> {
  const result = readingsFileSchema.safeParse(input);
  if (!result.success) {
    const problems: Problem[] = zodIssues(result.error).map(({ path, message }) => ({ path: path.map(String).join('.'), message }));
    return { ok: false, problems };
  }
  const readings = Object.entries(result.data.readings).map(
    ([id, reading]): ReadingDef => ({
      id,
      measure: reading.measure,
      clause: reading.clause,
      question: reading.question,
      options: Object.entries(reading.options).map(([option, { label }]) => ({ id: option, label })),
      default: reading.default,
      rationale: reading.rationale,
    }),
  );
  return { ok: true, value: readings };
}
