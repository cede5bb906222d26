import { z } from 'zod';
import { labelSchema } from '../facts/facts-file.js';
import { isoDateSchema } from '../util/date-schema.js';
import { LIMITS } from '../util/limits.js';
import { OPERATOR_NAMES, OPERATORS, type ArgumentPieces, type OperatorArguments, type OperatorName, type Threshold } from './operators.js';
import { AMOUNT_KINDS, AMOUNT_UNITS, RECIPIENTS } from './words.js';

export { AMOUNT_KINDS, AMOUNT_UNITS, RECIPIENTS, type Recipient } from './words.js';

const isoDate = isoDateSchema;
const paramName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schema.paramName' });
const paramRef = z.object({ param: paramName }).strict();
const PIECES: ArgumentPieces = { z, threshold: z.union([z.number(), paramRef]) };

/** The schema of each operator's argument, from the operator table. */
export const OPERATOR_ARGUMENTS = Object.fromEntries(OPERATOR_NAMES.map((name) => [name, OPERATORS[name].argument(PIECES)])) as {
  [K in OperatorName]: z.ZodType<OperatorArguments[K]>;
};

export { labelSchema };

export type { Threshold };

/** A condition as written in YAML: a group (all / any / not), a comparison on one fact with one operator, or a reading's test. */
export interface ConditionInput extends Partial<Omit<OperatorArguments, 'is' | 'reading'>> {
  all?: ConditionInput[];
  any?: ConditionInput[];
  not?: ConditionInput;
  fact?: string;
  /** A reading's id (policies/readings.yaml): the node `{reading: ID, is: OPTION}` holds when OPTION is in force. */
  reading?: string;
  /** true/false on a yes/no fact; an option's id on a reading. */
  is?: boolean | string;
}

/** The operators a fact is compared with; a reading is tested with `is` alone. */
const FACT_OPERATORS = OPERATOR_NAMES.filter((name) => OPERATORS[name].subject === 'fact');
const OPERATOR_LIST = FACT_OPERATORS.join(', ');
const readingId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schema.readingId' });

export const conditionSchema: z.ZodType<ConditionInput> = z.lazy(() =>
  z
    .object({
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
      fact: z.string().optional(),
      reading: readingId.optional().meta({ description: 'A reading of an ambiguous clause (policies/readings.yaml), tested with is: OPTION' }),
      ...(Object.fromEntries(FACT_OPERATORS.filter((name) => name !== 'is').map((name) => [name, OPERATOR_ARGUMENTS[name].optional()])) as {
        [K in Exclude<OperatorName, 'is' | 'reading'>]: z.ZodOptional<z.ZodType<OperatorArguments[K]>>;
      }),
      is: z.union([OPERATOR_ARGUMENTS.is, OPERATOR_ARGUMENTS.reading]).optional().meta({ description: 'true or false on a yes/no fact; the option in force on a reading' }),
    })
    .strict()
    .superRefine((node, ctx) => {
      const groups = (['all', 'any', 'not'] as const).filter((key) => node[key] !== undefined);
      const comparisons = FACT_OPERATORS.filter((key) => node[key] !== undefined);
      const subjects = (node.fact === undefined ? 0 : 1) + (node.reading === undefined ? 0 : 1);
      if (groups.length + subjects !== 1) {
        ctx.addIssue({ code: 'custom', message: 'schema.conditionShape' });
      } else if (node.reading !== undefined) {
        if (comparisons.length !== 1 || typeof node.is !== 'string') ctx.addIssue({ code: 'custom', message: 'schema.readingTestShape', params: { reading: node.reading } });
      } else if (node.fact !== undefined && comparisons.length !== 1) {
        ctx.addIssue({ code: 'custom', message: 'schema.comparisonOperator', params: { fact: node.fact, operators: OPERATOR_LIST } });
      } else if (node.fact !== undefined && typeof node.is === 'string') {
        ctx.addIssue({ code: 'custom', path: ['is'], message: 'schema.isOptionOnFact', params: { option: node.is } });
      } else if (node.fact === undefined && comparisons.length > 0) {
        ctx.addIssue({ code: 'custom', message: 'schema.operatorNeedsFact', params: { operators: comparisons.join(', ') } });
      }
    })
    .meta({ description: `all / any / not over comparisons: {fact, ${FACT_OPERATORS.join('|')}}, or {reading, is: OPTION}` }),
);

const factRef = z.object({ fact: z.string() }).strict();

export const amountSchema = z
  .object({
    kind: z.enum(AMOUNT_KINDS).meta({
      description:
        'fixed sum; up-to a cap (最高/不超过); range (min–cny); rate of a base; per-month × months; actual costs reimbursed; local: set by local rules',
    }),
    cny: z.number().nonnegative().nullable().meta({ description: 'The headline figure the document states, in yuan: the sum, the cap, the top of a range, the monthly rate; null where it states none' }),
    min: z.number().nonnegative().optional().meta({ description: 'Bottom of a range, in yuan' }),
    unit: z.enum(AMOUNT_UNITS),
    periodYears: z.number().positive().optional().meta({ description: 'The figure covers this many years (16万元/人·2年 → 2)' }),
    rate: z.number().positive().max(1).optional().meta({ description: 'Share of the base: 0.05 for 5%' }),
    base: z.union([factRef, paramRef]).optional().meta({ description: 'What the rate applies to, or the locally set sum' }),
    months: factRef.optional().meta({ description: 'The fact holding the number of months, for per-month amounts' }),
    loan: z.boolean().optional().meta({ description: 'A loan ceiling, not money granted: never added to totals' }),
  })
  .strict()
  .superRefine((amount, ctx) => {
    const need = (ok: boolean, message: string, params?: Record<string, string>) => ok || ctx.addIssue({ code: 'custom', message, ...(params ? { params } : {}) });
    if (amount.kind === 'fixed' || amount.kind === 'up-to' || amount.kind === 'range' || amount.kind === 'per-month') {
      need(amount.cny !== null, 'schema.amountFigure', { kind: amount.kind });
    }
    if (amount.kind === 'range') need(amount.min !== undefined && amount.min <= (amount.cny ?? 0), 'schema.rangeMin');
    if (amount.kind === 'rate') need(amount.rate !== undefined, 'schema.rateNeedsRate');
    if (amount.kind === 'per-month') need(amount.months !== undefined, 'schema.perMonthNeedsMonths');
  });

export const itemSchema = z
  .object({
    id: z.string().regex(/^m\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'schema.itemId' }),
    title: labelSchema,
    description: labelSchema.meta({ description: 'What the applicant gets, in plain words' }),
    recipient: z.enum(RECIPIENTS),
    when: conditionSchema.meta({ description: 'The conditions over the facts; missing facts leave the item undetermined' }),
    amount: amountSchema.optional().meta({ description: 'Absent for a non-monetary benefit' }),
    basis: z
      .object({ quote: z.string().min(1).meta({ description: 'The verbatim clause that grants the item' }) })
      .strict(),
    localRules: z
      .object({ note: labelSchema, params: z.array(paramName).optional() })
      .strict()
      .optional()
      .meta({ description: 'The item depends on figures or criteria set by local rules, not by this document' }),
    audience: z
      .array(z.enum(['person', 'employer', 'hr-agency', 'district', 'training-base', 'incubation-base', 'park']))
      .optional()
      .meta({ description: 'Applicant types that also see this item, besides those its recipient implies; it never counts in their total' }),
    supersedes: z.array(z.string()).optional().meta({ description: 'Items this one replaces when both apply (提高至)' }),
    notes: z.array(labelSchema).optional().meta({ description: 'Ambiguities and reading decisions, each in Chinese and English' }),
    validity: z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict().optional(),
  })
  .strict();

export const measureSchema = z
  .object({
    $schema: z.string().optional(),
    measure: z.number().int().min(1).max(LIMITS.measures, { error: 'schema.atMost' }),
    section: labelSchema,
    title: labelSchema,
    units: z.object({ lead: z.array(z.string().min(1)).min(1), responsible: z.array(z.string().min(1)) }).strict(),
    note: labelSchema.optional().meta({ description: 'Said of the measure as a whole, e.g. that it has no applicant-facing benefit' }),
    items: z.array(itemSchema),
  })
  .strict()
  .superRefine((measure, ctx) => {
    if (measure.items.length === 0 && !measure.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'schema.measureNeedsNote' });
    }
  });

export const paramDeclarationSchema = z
  .object({
    name: paramName,
    label: labelSchema,
    help: labelSchema,
    unit: z.enum(['cny', 'multiple']),
    min: z.number().optional(),
  })
  .strict();

export const documentSchema = z
  .object({
    $schema: z.string().optional(),
    document: z
      .object({
        number: z.string().min(1),
        title: labelSchema,
        issuer: z.string().min(1),
        issued: isoDate,
        parentPlan: z
          .object({
            number: z.string().min(1),
            title: z.string().min(1),
            period: z.object({ from: isoDate, to: isoDate }).strict(),
          })
          .strict(),
        source: z.string().min(1).meta({ description: 'Path of the source text, relative to the policies folder' }),
        measures: z.number().int().min(1).max(LIMITS.measures, { error: 'schema.atMost' }).meta({ description: 'How many measures the document has' }),
      })
      .strict(),
    params: z.array(paramDeclarationSchema),
  })
  .strict();

export type AmountInput = z.infer<typeof amountSchema>;
export type ItemInput = z.infer<typeof itemSchema>;
export type MeasureInput = z.infer<typeof measureSchema>;
export type DocumentInput = z.infer<typeof documentSchema>;
export type ParamDeclaration = z.infer<typeof paramDeclarationSchema>;
export type Label = z.infer<typeof labelSchema>;
