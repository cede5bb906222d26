import { z } from 'zod';
import { isCalendarDate } from './dates.js';

/** A date field of a policy or case file (zod lives apart from isCalendarDate, so that check need not load it). */
export const isoDateSchema = z
  .string({ error: 'schema.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'schema.date' })
  .refine(isCalendarDate, { error: 'schema.notCalendarDate' });
