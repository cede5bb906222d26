import { z } from 'zod';
import { labelSchema } from '../facts/facts-file.js';
import { LIMITS } from '../util/limits.js';
import type { Parsed, Problem } from '../util/problems.js';
import { zodIssues } from '../util/zod-issues.js';
import type { ReadingDef } from './readings.js';

/** The format of readings.yaml: the zod schema that validates it and that `subsidy schema readings` publishes. */

const kebab = (error: 'schema.optionId' | 'schema.readingId') => z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error });

const readingSchema = z
  .object({
    measure: z.number().int().min(1).max(LIMITS.measures, { error: 'schema.atMost' }).meta({ description: 'The measure whose clause it reads' }),
    clause: z.string().min(1).meta({ description: 'The words of the clause, verbatim from the source text' }),
    question: labelSchema.meta({ description: 'The question the reading answers' }),
    options: z
      .record(kebab('schema.optionId'), z.object({ label: labelSchema }).strict())
      .refine((options) => Object.keys(options).length >= 2, { error: 'schema.readingTwoOptions' })
      .meta({ description: 'The readings the clause admits, in order' }),
    default: kebab('schema.optionId').meta({ description: 'The option in force unless a run chooses another (--reading ID=OPTION)' }),
    rationale: labelSchema.meta({ description: 'Why the default: how the text reads, in its own words' }),
  })
  .strict()
  .superRefine((reading, ctx) => {
    if (!Object.hasOwn(reading.options, reading.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: 'schema.readingDefaultNotOption', params: { option: reading.default, options: Object.keys(reading.options) } });
    }
  });

export const readingsFileSchema = z
  .object({
    $schema: z.string().optional(),
    readings: z.record(kebab('schema.readingId'), readingSchema).meta({ description: 'Every reading a condition may test, by id' }),
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
