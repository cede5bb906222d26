import { z } from 'zod';

/** Whether text is a date that exists, written YYYY-MM-DD: 2024-02-29 is, 2023-02-29 and 2024-02-30 are not. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** A date field of a policy or case file. */
export const isoDateSchema = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'not a calendar date' });
